-- Question: how much do the courts pronounce as an astreinte per day of delay, court by court?
-- Only astreintes the court ordered (status prononcee) with an amount per day; an execution
-- order that recites an earlier astreinte counts it again (it is pronounced in that decision).
SELECT a.court_code,
       a.court_city,
       count(*) AS astreintes,
       count(DISTINCT a.decision_id) AS decisions,
       min(a.amount_eur) AS min_eur_per_day,
       median(a.amount_eur) AS median_eur_per_day,
       max(a.amount_eur) AS max_eur_per_day
FROM astreintes_v a
WHERE a.status = 'prononcee'
  AND a.period = 'jour'
  AND a.amount_eur IS NOT NULL
GROUP BY a.court_code, a.court_city
ORDER BY max_eur_per_day DESC, a.court_code;
