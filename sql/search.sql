-- Decisions ranked by BM25 on their stemmed copy (see schema.sql, greffe_terms), then filtered.
--   $terms    the query's terms, already through greffe_terms; every one must occur
--   $phrases  quoted phrases of the query: each must occur in the text as a phrase (accents, case
--             and punctuation aside: greffe_flat)
--   the filters are NULL when not asked for; values are bound, never spliced into the SQL.
WITH scored AS (
    SELECT decision_id AS id,
           fts_main_search_docs.match_bm25(decision_id, $terms, conjunctive := 1) AS score
    FROM search_docs
),
hits AS (
    SELECT d.*, s.score
    FROM scored s
    JOIN decisions d ON d.id = s.id
    WHERE s.score IS NOT NULL
      AND ($court_kind IS NULL OR d.court_kind = $court_kind)
      AND ($court_code IS NULL OR d.court_code = $court_code)
      AND ($city IS NULL OR strip_accents(lower(d.court_city)) = strip_accents(lower($city)))
      AND ($since IS NULL OR d.decision_date >= CAST($since AS DATE))
      AND ($until IS NULL OR d.decision_date <= CAST($until AS DATE))
      AND ($outcome IS NULL OR list_contains(d.outcomes, $outcome))
      AND ($decision_type IS NULL OR d.decision_type = $decision_type)
      AND ($procedure IS NULL OR d.procedure = $procedure)
      AND ($topic IS NULL OR list_contains(d.topics, $topic))
      AND ($authority IS NULL
           OR EXISTS (SELECT 1 FROM parties p WHERE p.decision_id = d.id AND p.authority = $authority)
           OR EXISTS (SELECT 1 FROM injunctions i WHERE i.decision_id = d.id AND i.authority = $authority))
      AND ($case_number IS NULL
           OR EXISTS (SELECT 1 FROM case_numbers c WHERE c.decision_id = d.id AND c.number = $case_number))
)
SELECT h.id, h.court_kind, h.court_city, h.court_code, h.court_name, h.decision_date,
       h.decision_type, h.outcomes, h.score, h.text,
       coalesce((SELECT list(c.number ORDER BY c.ordinal) FROM case_numbers c
                 WHERE c.decision_id = h.id), []) AS case_numbers,
       (SELECT min(z.start_offset) FROM zones z
        WHERE z.decision_id = h.id AND z.name = 'dispositif') AS dispositif_start
FROM hits h
WHERE len(list_filter(CAST($phrases AS VARCHAR[]),
                      p -> NOT contains(greffe_flat(h.text), greffe_flat(p)))) = 0
ORDER BY h.score DESC, h.decision_date DESC NULLS LAST, h.id
LIMIT $limit;
