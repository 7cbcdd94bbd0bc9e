-- The rows of a page of search hits, for the decisions $ids (found by the full-text index, in
-- any order: greffe.db.search puts them back in rank order; their case numbers, dispositif and
-- summary come with the hits: greffe_index_docs in sql/search_macros.sql). `IN (SELECT
-- unnest(...))` is a semi join: only the page's rows are read, not every text.
SELECT d.id, d.court_kind, d.court_city, d.court_code, d.court_name, d.decision_date,
       d.decision_type, d.outcomes, d.text
FROM decisions d
WHERE d.id IN (SELECT unnest(CAST($ids AS VARCHAR[])));
