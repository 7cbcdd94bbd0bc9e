-- The text of each decision of $ids (greffe.similar: the words a neighbour shares with the
-- source; the full-text index does not keep the texts). `IN ($ids)`: the ids as constants
-- (greffe.db.run), so that DuckDB reads these texts only.
SELECT id, text FROM decisions WHERE id IN ($ids);
