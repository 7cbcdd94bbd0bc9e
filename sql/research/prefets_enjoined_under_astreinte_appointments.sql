-- Question: which orders and judgments of 2024-2025 had a tribunal administratif enjoin a préfet, under an
-- astreinte it pronounced, in a case about getting an appointment at the préfecture
-- (topic rendez-vous-prefecture), court by court?
-- One row per court: how many such decisions, the astreinte amounts pronounced, their citations.
SELECT d.court_code,
       d.court_city,
       count(*) AS decisions,
       min(d.astreinte_max_eur) AS smallest_astreinte_eur,
       max(d.astreinte_max_eur) AS largest_astreinte_eur,
       list(d.citation ORDER BY d.decision_date) AS citations
FROM decisions_v d
WHERE d.court_kind = 'TA'
  AND d.decision_date BETWEEN DATE '2024-01-01' AND DATE '2025-12-31'
  AND list_contains(d.topics, 'rendez-vous-prefecture')
  AND d.astreinte_pronounced
  AND EXISTS (SELECT 1 FROM injunctions_v i
              WHERE i.decision_id = d.id AND i.authority_kind IN ('prefet', 'prefet-de-police'))
GROUP BY d.court_code, d.court_city
ORDER BY decisions DESC, d.court_code;
