-- sql/ledger_record.sql for many documents in one statement (the 'loaded' rows of a batch).
-- $rows is a JSON array of objects with the keys below; each (sha256, path) once.
INSERT INTO ledger (sha256, path, extractor_version, outcome, reason, message, decision_id, seen_at)
SELECT r.sha256, r.path, $extractor_version, r.outcome, r.reason, r.message, r.decision_id, $now
FROM (SELECT unnest(from_json($rows, '[{
      "sha256": "VARCHAR", "path": "VARCHAR", "outcome": "VARCHAR", "reason": "VARCHAR",
      "message": "VARCHAR", "decision_id": "VARCHAR"
    }]')) AS r)
ON CONFLICT (sha256, path, extractor_version) DO UPDATE SET
    outcome = excluded.outcome, reason = excluded.reason, message = excluded.message,
    decision_id = excluded.decision_id, seen_at = excluded.seen_at;
