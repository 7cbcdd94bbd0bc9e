-- Decisions by court (kind and city; NULL kind: the court was not recognised).
SELECT court_kind, court_city, court_code, count(*) AS n
FROM decisions
GROUP BY ALL
ORDER BY n DESC, court_kind NULLS LAST, court_city NULLS FIRST;
