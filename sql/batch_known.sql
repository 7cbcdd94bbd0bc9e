-- Which decisions and file contents of a batch the base has already (one query per batch
-- instead of two per document): ('decision', id) and ('source', sha256) rows.
-- $ids and $shas are JSON arrays (one string binds much faster than a list):
-- '["TA38_2506085_20250721", ...]', '["9f2c...", ...]'.
SELECT 'decision' AS kind, id AS key FROM decisions
WHERE id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))
UNION ALL
SELECT 'source', sha256 FROM sources
WHERE sha256 IN (SELECT unnest(from_json($shas, '["VARCHAR"]')));
