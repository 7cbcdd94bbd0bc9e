-- The full-text index over the stemmed copies (search_docs). The copies are already stemmed and
-- stripped of accents by greffe_terms, so the index itself does no stemming; its tokenizer keeps
-- letters a-z and digits (the same split greffe_terms made). DuckDB rebuilds it whole: run it once
-- at the end of an ingestion, before publishing the snapshot.
PRAGMA create_fts_index('search_docs', 'decision_id', 'body', 'parties', 'measures',
                        stemmer = 'none', stopwords = 'none', ignore = '[^a-z0-9]+',
                        strip_accents = 1, lower = 1, overwrite = 1);
INSERT OR REPLACE INTO fts_state (id, built_at, documents)
SELECT 1, $now, count(*) FROM search_docs;
