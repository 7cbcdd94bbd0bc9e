-- An archive a run went through whole: later runs skip it while it stays the same.
INSERT INTO archives (path, sha256, size, mtime, members, filters, recorded_at)
VALUES ($path, $sha256, $size, $mtime, $members, $filters, $now)
ON CONFLICT (path) DO UPDATE SET
    sha256 = excluded.sha256, size = excluded.size, mtime = excluded.mtime,
    members = excluded.members, filters = excluded.filters, recorded_at = excluded.recorded_at;
