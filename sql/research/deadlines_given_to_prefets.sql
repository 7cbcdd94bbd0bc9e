-- Question: what time limits do the courts give a préfet to carry out an injunction?
-- One row per time limit as written by the court (in days or in months, never converted),
-- with how many injunctions got it, by which procedure; about_days (a month as 30 days) only
-- sorts the rows.
SELECT CASE WHEN i.deadline_days IS NOT NULL THEN i.deadline_days || ' jours'
            WHEN i.deadline_months IS NOT NULL THEN i.deadline_months || ' mois'
            WHEN i.deadline_text IS NOT NULL THEN 'sans durée (' || i.deadline_text || ')'
            ELSE 'aucun délai' END AS time_limit,
       count(*) AS injunctions,
       min(coalesce(i.deadline_days, i.deadline_months * 30)) AS about_days,
       list(DISTINCT i.procedure ORDER BY i.procedure) AS procedures,
       list(i.citation ORDER BY i.decision_date) AS citations
FROM injunctions_v i
WHERE i.authority_kind IN ('prefet', 'prefet-de-police')
GROUP BY ALL
ORDER BY about_days NULLS LAST, time_limit;
