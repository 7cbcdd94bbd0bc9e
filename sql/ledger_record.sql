-- The outcome of one document under one extractor version; a later outcome replaces it.
INSERT INTO ledger (sha256, path, extractor_version, outcome, reason, message, decision_id, seen_at)
VALUES ($sha256, $path, $extractor_version, $outcome, $reason, $message, $decision_id, $now)
ON CONFLICT (sha256, path, extractor_version) DO UPDATE SET
    outcome = excluded.outcome, reason = excluded.reason, message = excluded.message,
    decision_id = excluded.decision_id, seen_at = excluded.seen_at;
