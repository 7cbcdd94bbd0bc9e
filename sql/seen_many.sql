-- sql/seen.sql for many contents at once: those of $shas (a JSON array of sha256: one string
-- binds much faster than a list) that were already dealt with under this extractor version
-- (one query per chunk of files, not one per file).
SELECT DISTINCT sha256 FROM ledger
WHERE sha256 IN (SELECT unnest(from_json($shas, '["VARCHAR"]')))
  AND extractor_version = $extractor_version
  AND (outcome = 'loaded'
       OR (outcome = 'skipped' AND reason NOT IN ('already-seen', 'duplicate'))
       OR (outcome = 'quarantined' AND $include_quarantined));
