-- A document deliberately not loaded. A skip never hides what happened before to the same
-- (content, path, extractor version): a 'loaded' stays 'loaded', only seen_at moves.
INSERT INTO ledger (sha256, path, extractor_version, outcome, reason, message, decision_id, seen_at)
VALUES ($sha256, $path, $extractor_version, 'skipped', $reason, $message, NULL, $now)
ON CONFLICT (sha256, path, extractor_version) DO UPDATE SET seen_at = excluded.seen_at;
