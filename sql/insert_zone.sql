-- The rows of zones: one row per zone of the text.
-- $rows is a JSON array of objects with the keys below (one string binds much faster than many
-- rows); a key that is missing is NULL.
INSERT INTO zones BY NAME
SELECT r.*
FROM (SELECT unnest(from_json($rows, '[{
      "decision_id": "VARCHAR", "ordinal": "INTEGER", "name": "VARCHAR",
      "start_offset": "INTEGER", "end_offset": "INTEGER"
    }]')) AS r);
