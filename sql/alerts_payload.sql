-- What an alert delivers about one matched decision.
SELECT a.query, a.filters, m.matched_at, d.court_kind, d.court_city, d.court_code, d.court_name,
       d.decision_date, d.decision_type, d.procedure, d.outcomes,
       coalesce((SELECT list(c.number ORDER BY c.ordinal) FROM case_numbers c
                 WHERE c.decision_id = d.id), []) AS case_numbers
FROM alert_matches m
JOIN alerts a ON a.name = m.alert_name
JOIN decisions d ON d.id = m.decision_id
WHERE m.alert_name = $alert_name AND m.decision_id = $decision_id;
