-- Question: which procedure gets results? For each procedure (référé-liberté, référé mesures
-- utiles, référé-suspension, recours au fond, exécution, appel), how many decisions, and the
-- share that enjoined the administration or pronounced an astreinte.
SELECT coalesce(d.procedure, '(unknown)') AS procedure,
       count(*) AS decisions,
       count(*) FILTER (WHERE d.has_injunction) AS with_injunction,
       round(100.0 * count(*) FILTER (WHERE d.has_injunction) / count(*), 1) AS pct_injunction,
       count(*) FILTER (WHERE d.astreinte_pronounced) AS with_astreinte,
       round(100.0 * count(*) FILTER (WHERE d.astreinte_pronounced) / count(*), 1) AS pct_astreinte
FROM decisions_v d
GROUP BY ALL
ORDER BY decisions DESC, procedure;
