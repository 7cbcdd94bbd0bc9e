-- sql/ledger_skip.sql for many documents in one statement: a skip never hides what happened
-- before to the same (content, path, extractor version), only seen_at moves.
-- $rows is a JSON array of objects {"sha256", "path", "reason", "message"}; each (sha256, path) once.
INSERT INTO ledger (sha256, path, extractor_version, outcome, reason, message, decision_id, seen_at)
SELECT r.sha256, r.path, $extractor_version, 'skipped', r.reason, r.message, NULL, $now
FROM (SELECT unnest(from_json($rows, '[{
      "sha256": "VARCHAR", "path": "VARCHAR", "reason": "VARCHAR", "message": "VARCHAR"
    }]')) AS r)
ON CONFLICT (sha256, path, extractor_version) DO UPDATE SET seen_at = excluded.seen_at;
