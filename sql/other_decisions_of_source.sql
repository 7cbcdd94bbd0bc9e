-- The decisions a file content was loaded as before, under another id (an earlier extraction).
SELECT DISTINCT decision_id FROM sources WHERE sha256 = $sha256 AND decision_id <> $id;
