-- The decisions of a page of the base (rowid >= $first_row and < $end_row; NULL: no bound) that
-- the full-text index lacks or holds in an older state (their fingerprint differs from the one
-- recorded in text_index; or indexed before its row fingerprint was recorded), as
-- greffe.textindex.IndexDoc fields (greffe_index_docs in
-- search_macros.sql), to add or replace.
SELECT g.*
FROM greffe_index_docs(first_row := $first_row, end_row := $end_row) g
LEFT JOIN text_index t ON t.decision_id = g.id
WHERE t.fingerprint IS DISTINCT FROM g.fingerprint
   OR t.row_fingerprint IS DISTINCT FROM g.row_fingerprint;
