-- How many sources of a decision there are besides this file content.
SELECT count(*) FROM sources WHERE decision_id = $id AND sha256 <> $sha256;
