-- The rows of legal_refs: one row per article cited.
-- $rows is a JSON array of objects with the keys below (one string binds much faster than many
-- rows); a key that is missing is NULL.
INSERT INTO legal_refs BY NAME
SELECT r.*
FROM (SELECT unnest(from_json($rows, '[{
      "decision_id": "VARCHAR", "ordinal": "INTEGER", "article": "VARCHAR",
      "code": "VARCHAR", "span_start": "INTEGER", "span_end": "INTEGER",
      "page": "INTEGER", "box_x0": "DOUBLE", "box_top": "DOUBLE",
      "box_x1": "DOUBLE", "box_bottom": "DOUBLE"
    }]')) AS r);
