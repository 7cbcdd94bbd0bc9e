-- The rows of case_numbers: one row per requête number; ordinal 0 is the main one.
-- $rows is a JSON array of objects with the keys below (one string binds much faster than many
-- rows); a key that is missing is NULL.
INSERT INTO case_numbers BY NAME
SELECT r.*
FROM (SELECT unnest(from_json($rows, '[{
      "decision_id": "VARCHAR", "ordinal": "INTEGER", "number": "VARCHAR"
    }]')) AS r);
