-- Opt-in (greffe.db.rebuild_fts), for researchers who want BM25 in SQL; `greffe search` uses the
-- tantivy index instead. First the stemmed copy of every decision (see greffe_terms in
-- schema.sql): its text, its parties' names, its injunctions' addressees and measures; then the
-- full-text index over it. The copies are already stemmed and stripped of accents, so the index
-- itself does no stemming; its tokenizer keeps letters a-z and digits (the split greffe_terms
-- made). DuckDB rebuilds it whole, and it does not follow later loads (fts_ready says stale).
DELETE FROM search_docs;
INSERT INTO search_docs (decision_id, body, parties, measures)
SELECT d.id, greffe_terms(d.text),
       greffe_terms(coalesce((SELECT string_agg(p.name, ' ' ORDER BY p.ordinal) FROM parties p
                              WHERE p.decision_id = d.id), '')),
       greffe_terms(coalesce((SELECT string_agg(concat_ws(' ', i.addressee, i.measure), ' '
                                                ORDER BY i.ordinal)
                              FROM injunctions i WHERE i.decision_id = d.id), ''))
FROM decisions d;
PRAGMA create_fts_index('search_docs', 'decision_id', 'body', 'parties', 'measures',
                        stemmer = 'none', stopwords = 'none', ignore = '[^a-z0-9]+',
                        strip_accents = 1, lower = 1, overwrite = 1);
INSERT OR REPLACE INTO fts_state (id, built_at, documents)
SELECT 1, $now, count(*) FROM search_docs;
