-- The latest Date_Mise_Jour of the open-data versions of one decision already loaded (NULL: none).
SELECT max(date_mise_jour) FROM decision_versions WHERE decision_id = $decision_id;
