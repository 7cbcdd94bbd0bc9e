-- The decisions the full-text index lacks or holds in an older state (their fingerprint differs
-- from the one recorded in text_index), as greffe.textindex.IndexDoc fields (greffe_index_docs
-- in schema.sql), to add or replace.
SELECT g.*
FROM greffe_index_docs() g
LEFT JOIN text_index t ON t.decision_id = g.id
WHERE t.fingerprint IS DISTINCT FROM g.fingerprint;
