-- Question: which earlier decisions do the orders cite most often (the precedents the courts
-- rely on), and is the Conseil d'État among them?
-- One row per cited decision (court when the citation names it, date, number), with how many
-- decisions of the base cite it, and whether that cited decision is itself in the base.
SELECT c.court AS cited_court,
       c.date AS cited_date,
       c.number AS cited_number,
       count(DISTINCT c.decision_id) AS cited_by,
       list(DISTINCT v.citation ORDER BY v.citation) AS citing,
       EXISTS (SELECT 1 FROM case_numbers n WHERE n.number = c.number) AS in_base
FROM cited_decisions c
JOIN decisions_v v ON v.id = c.decision_id
WHERE c.number IS NOT NULL
GROUP BY c.court, c.date, c.number
ORDER BY cited_by DESC, cited_court = 'CE' DESC NULLS LAST, cited_number
LIMIT 50;
