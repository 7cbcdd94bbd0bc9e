-- The newest decisions that pass the filters, when the search has no words (same filters as
-- search.sql; keep the two in step).
SELECT d.id, d.court_kind, d.court_city, d.court_code, d.court_name, d.decision_date,
       d.decision_type, d.outcomes, CAST(NULL AS DOUBLE) AS score, d.text,
       coalesce((SELECT list(c.number ORDER BY c.ordinal) FROM case_numbers c
                 WHERE c.decision_id = d.id), []) AS case_numbers,
       (SELECT min(z.start_offset) FROM zones z
        WHERE z.decision_id = d.id AND z.name = 'dispositif') AS dispositif_start
FROM decisions d
WHERE ($court_kind IS NULL OR d.court_kind = $court_kind)
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
ORDER BY d.decision_date DESC NULLS LAST, d.id
LIMIT $limit;
