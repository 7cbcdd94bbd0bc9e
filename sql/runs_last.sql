-- The $n newest run reports, newest first.
SELECT run_id, started_at, finished_at, duration_s, seen, new, updated, skipped, quarantined,
       filtered, archives, alerts_matched, alerts_sent, alerts_pending, published
FROM runs
ORDER BY started_at DESC, run_id
LIMIT $n;
