-- Question: what do the courts decide, year by year, in the cases about the ANEF (the
-- Administration numérique pour les étrangers en France)?
-- One row per (year, outcome); a decision with two outcomes (rejet of the surplus and
-- injonction) counts in both.
SELECT d.year,
       o.outcome,
       count(*) AS decisions,
       count(*) FILTER (WHERE d.court_kind = 'TA') AS of_which_ta
FROM decisions_v d, unnest(d.outcomes) AS o(outcome)
WHERE list_contains(d.topics, 'anef')
GROUP BY d.year, o.outcome
ORDER BY d.year, decisions DESC, o.outcome;
