-- The report of one ingestion run.
INSERT INTO runs (run_id, started_at, finished_at, duration_s, seen, new, updated, skipped,
                  quarantined, filtered, archives, alerts_matched, alerts_sent, alerts_pending,
                  published)
VALUES ($run_id, $started_at, $finished_at, $duration_s, $seen, $new, $updated, $skipped,
        $quarantined, $filtered, $archives, $alerts_matched, $alerts_sent, $alerts_pending,
        $published)
ON CONFLICT (run_id) DO UPDATE SET
    finished_at = excluded.finished_at, duration_s = excluded.duration_s, seen = excluded.seen,
    new = excluded.new, updated = excluded.updated, skipped = excluded.skipped,
    quarantined = excluded.quarantined, filtered = excluded.filtered, archives = excluded.archives,
    alerts_matched = excluded.alerts_matched, alerts_sent = excluded.alerts_sent,
    alerts_pending = excluded.alerts_pending, published = excluded.published;
