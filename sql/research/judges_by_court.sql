-- Question: which judges rule on these cases, in which court, and how often do they enjoin the
-- administration?
-- One row per (court, judge): decisions signed, how many with an injunction, how many with an
-- astreinte pronounced.
SELECT d.court_code,
       d.court_city,
       j.judge,
       count(*) AS decisions,
       count(*) FILTER (WHERE d.has_injunction) AS with_injunction,
       count(*) FILTER (WHERE d.astreinte_pronounced) AS with_astreinte,
       min(d.decision_date) AS first_decision,
       max(d.decision_date) AS last_decision
FROM decisions_v d, unnest(d.judges) AS j(judge)
GROUP BY d.court_code, d.court_city, j.judge
ORDER BY decisions DESC, d.court_code, j.judge;
