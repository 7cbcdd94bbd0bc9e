-- The stemmed copy of one decision that the full-text index is built on (see greffe_terms in
-- schema.sql): its text, its parties' names, its injunctions' addressees and measures.
INSERT OR REPLACE INTO search_docs (decision_id, body, parties, measures)
VALUES ($id, greffe_terms($text), greffe_terms($parties), greffe_terms($measures));
