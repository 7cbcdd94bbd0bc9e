-- The text of each decision of $ids (greffe.similar: the words a neighbour shares with the
-- source; the full-text index does not keep the texts).
SELECT id, text FROM decisions WHERE list_contains(CAST($ids AS VARCHAR[]), id);
