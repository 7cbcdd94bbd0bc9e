-- The newest decisions that pass the filters (a search without words): their ids, newest first.
-- The filters are those of greffe_filter (schema.sql), NULL when not asked for; $limit NULL: all.
SELECT d.id
FROM decisions d
SEMI JOIN greffe_filter($court_kind, $court_code, $city, $since, $until, $outcome, $decision_type,
                        $procedure, $topic, $authority, $case_number, $has_injunction, $astreinte,
                        $min_amount, $max_amount) f ON f.id = d.id
ORDER BY d.decision_date DESC NULLS LAST, d.id
LIMIT $limit;
