-- Files that the next run tries again by itself (disk full, a file that changed or vanished while
-- it was read): the 'retriable' rows whose content never loaded and whose path nothing newer settled.
SELECT l.path, l.reason, l.message, l.seen_at
FROM ledger l
WHERE l.outcome = 'retriable'
  AND NOT EXISTS (SELECT 1 FROM ledger k WHERE k.sha256 = l.sha256 AND k.outcome = 'loaded')
  AND NOT EXISTS (SELECT 1 FROM ledger k WHERE k.path = l.path AND k.seen_at > l.seen_at
                                            AND k.outcome <> 'retriable')
QUALIFY row_number() OVER (PARTITION BY l.path ORDER BY l.seen_at DESC) = 1
ORDER BY l.seen_at DESC, l.path;
