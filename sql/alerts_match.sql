-- The decisions among $ids that an alert finds: every term of its query ($terms, through
-- greffe_terms; NULL: no words) in the stemmed copy of the decision (search_docs), every quoted
-- phrase in its text, and its filters (NULL when not set), as sql/search.sql does.
SELECT d.id
FROM decisions d
JOIN search_docs s ON s.decision_id = d.id
WHERE list_contains(CAST($ids AS VARCHAR[]), d.id)
  AND ($terms IS NULL
       OR list_has_all(string_split(s.body || ' ' || s.parties || ' ' || s.measures, ' '),
                       string_split($terms, ' ')))
  AND len(list_filter(CAST($phrases AS VARCHAR[]),
                      p -> NOT contains(greffe_flat(d.text), greffe_flat(p)))) = 0
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
ORDER BY d.id;
