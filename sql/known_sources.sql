-- Which file contents of a batch the base has already (their sha256), beside
-- sql/known_decisions.sql (why two statements: there). $shas is a JSON array of the batch's
-- sha256: '["9f2c...", ...]'.
SELECT sha256 FROM sources
WHERE sha256 IN (SELECT unnest(from_json($shas, '["VARCHAR"]')));
