-- One open-data version of a decision, once its source is loaded (nothing when it is not: the
-- load failed and the document was quarantined).
INSERT INTO decision_versions (decision_id, sha256, date_mise_jour, path, recorded_at)
SELECT $decision_id, $sha256, $date_mise_jour, $path, $now
WHERE EXISTS (SELECT 1 FROM sources WHERE sha256 = $sha256 AND decision_id = $decision_id)
ON CONFLICT (decision_id, sha256) DO UPDATE SET
    date_mise_jour = excluded.date_mise_jour, path = excluded.path, recorded_at = excluded.recorded_at;
