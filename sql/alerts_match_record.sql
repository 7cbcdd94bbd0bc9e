-- An alert matched a decision: recorded once; one row back only when it is new.
INSERT INTO alert_matches (alert_name, decision_id, run_id, matched_at)
VALUES ($alert_name, $decision_id, $run_id, $now)
ON CONFLICT (alert_name, decision_id) DO NOTHING
RETURNING decision_id;
