-- Question: in which cases are associations (La Cimade, GISTI, ADA...) parties, on what topics,
-- and what did the court decide?
-- One row per association party of a decision.
SELECT p.name AS association,
       p.role,
       p.citation,
       d.procedure,
       d.topics,
       d.outcomes,
       d.has_injunction,
       d.astreinte_max_eur
FROM parties_v p
JOIN decisions_v d ON d.id = p.decision_id
WHERE p.kind = 'association'
ORDER BY p.decision_date, p.decision_id, p.ordinal;
