-- The rows of judges: one row per judge named.
-- $rows is a JSON array of objects with the keys below (one string binds much faster than many
-- rows); a key that is missing is NULL.
INSERT INTO judges BY NAME
SELECT r.*
FROM (SELECT unnest(from_json($rows, '[{
      "decision_id": "VARCHAR", "ordinal": "INTEGER", "name": "VARCHAR"
    }]')) AS r);
