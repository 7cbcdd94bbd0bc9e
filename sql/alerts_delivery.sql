-- The state of one delivery (outbox or webhook) of one (alert, decision).
INSERT INTO deliveries (idempotency_key, channel, alert_name, decision_id, target, status,
                        attempts, last_error, updated_at)
VALUES ($idempotency_key, $channel, $alert_name, $decision_id, $target, $status, $attempts,
        $last_error, $now)
ON CONFLICT (idempotency_key, channel) DO UPDATE SET
    target = excluded.target, status = excluded.status, attempts = excluded.attempts,
    last_error = excluded.last_error, updated_at = excluded.updated_at;
