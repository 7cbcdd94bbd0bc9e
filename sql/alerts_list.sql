-- Every alert, with how many decisions it matched, when it last did, its $last newest matches,
-- and its webhook deliveries by state.
SELECT a.name, a.query, a.filters, a.webhook, a.created_at,
       (SELECT count(*) FROM alert_matches m WHERE m.alert_name = a.name) AS matches,
       (SELECT max(m.matched_at) FROM alert_matches m WHERE m.alert_name = a.name) AS last_match_at,
       coalesce((SELECT list(m.decision_id ORDER BY m.matched_at DESC, m.decision_id)
                 FROM alert_matches m WHERE m.alert_name = a.name), [])[1:$last] AS last_matches,
       (SELECT map_from_entries(coalesce(list({'k': d.status, 'v': d.n}), []))
        FROM (SELECT status, count(*) AS n FROM deliveries
              WHERE alert_name = a.name AND channel = 'webhook' GROUP BY status) d) AS webhook_states
FROM alerts a
ORDER BY a.name;
