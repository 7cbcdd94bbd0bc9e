-- The pages of the base (rowid // $batch, in order) that hold a decision the full-text index
-- lacks or may hold in an older state: not in text_index, or its row changed since it was
-- indexed (greffe_row_fingerprint in search_macros.sql). greffe.searchindex.docs reads only these
-- pages (and compares the whole fingerprints there): a run that adds 1 000 decisions to a base
-- of 100 000 reads their pages, not the 97 others. Reads `decisions` and `text_index` only.
SELECT DISTINCT d.rowid // $batch AS page
FROM decisions d
LEFT JOIN text_index t ON t.decision_id = d.id
WHERE t.row_fingerprint IS DISTINCT FROM
      greffe_row_fingerprint(d.court_kind, d.court_city, d.court_code, d.decision_date,
                             d.decision_type, d.procedure, d.outcomes, d.topics, d.text_sha256,
                             d.loaded_at)
ORDER BY page;
