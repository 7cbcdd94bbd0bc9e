-- The decisions among $ids that pass an alert's filters (greffe_filter in schema.sql; NULL when
-- not set); its words, if any, are then looked for in the full-text index (greffe.alerts).
SELECT d.id
FROM decisions d
SEMI JOIN greffe_filter($court_kind, $court_code, $city, $since, $until, $outcome, $decision_type,
                        $procedure, $topic, $authority, $case_number, $has_injunction, $astreinte,
                        $min_amount, $max_amount) f ON f.id = d.id
WHERE list_contains(CAST($ids AS VARCHAR[]), d.id)
ORDER BY d.id;
