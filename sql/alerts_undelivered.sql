-- The matches still to deliver: to the outbox when $with_outbox and not written there yet; to
-- the alert's webhook (else $default_webhook) when there is one and no delivery succeeded or
-- was refused yet. `tried`: webhook attempts made by earlier runs.
SELECT alert_name, decision_id, url, need_outbox, need_webhook, tried
FROM (
    SELECT m.alert_name, m.decision_id, m.matched_at,
           coalesce(a.webhook, $default_webhook) AS url,
           ($with_outbox AND o.status IS NULL) AS need_outbox,
           (coalesce(a.webhook, $default_webhook) IS NOT NULL
            AND (w.status IS NULL OR w.status = 'pending')) AS need_webhook,
           coalesce(w.attempts, 0) AS tried
    FROM alert_matches m
    JOIN alerts a ON a.name = m.alert_name
    LEFT JOIN deliveries o ON o.alert_name = m.alert_name AND o.decision_id = m.decision_id
                          AND o.channel = 'outbox'
    LEFT JOIN deliveries w ON w.alert_name = m.alert_name AND w.decision_id = m.decision_id
                          AND w.channel = 'webhook'
)
WHERE need_outbox OR need_webhook
ORDER BY matched_at, alert_name, decision_id;
