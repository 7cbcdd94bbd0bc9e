-- The rows of pages: one row per page of a PDF: the characters of the text that came from it.
-- $rows is a JSON array of objects with the keys below (one string binds much faster than many
-- rows); a key that is missing is NULL.
INSERT INTO pages BY NAME
SELECT r.*
FROM (SELECT unnest(from_json($rows, '[{
      "decision_id": "VARCHAR", "page": "INTEGER", "start_offset": "INTEGER",
      "end_offset": "INTEGER"
    }]')) AS r);
