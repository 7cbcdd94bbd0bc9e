-- For one archive, since a run started: its members in the ledger, those left 'retriable' (to be
-- tried again: the archive is not done), and whether the archive itself could not be read.
SELECT
    count(*) FILTER (WHERE starts_with(path, $prefix)) AS members,
    count(*) FILTER (WHERE starts_with(path, $prefix) AND outcome = 'retriable') AS retriable,
    count(*) FILTER (WHERE path = $path AND outcome IN ('quarantined', 'retriable')) AS unreadable
FROM ledger
WHERE seen_at >= $since;
