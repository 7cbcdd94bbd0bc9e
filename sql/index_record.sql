-- What the full-text index holds now, recorded once its commit is done: $gone leave text_index,
-- $rows (a JSON array of {"decision_id", "fingerprint", "row_fingerprint"}) are added or
-- replaced; $clear empties it first (the index was rebuilt from nothing).
DELETE FROM text_index WHERE $clear OR list_contains(CAST($gone AS VARCHAR[]), decision_id);
INSERT OR REPLACE INTO text_index BY NAME
SELECT r.*
FROM (SELECT unnest(from_json($rows, '[{"decision_id": "VARCHAR", "fingerprint": "VARCHAR", "row_fingerprint": "VARCHAR"}]')) AS r);
