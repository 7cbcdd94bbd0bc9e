-- The search terms of a text, as the index holds them (see greffe_terms in schema.sql).
SELECT greffe_terms($text);
