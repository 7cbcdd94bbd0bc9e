-- The files set aside now (the view `quarantine`), newest first, with what to do about each.
SELECT path, reason, message, seen_at FROM quarantine ORDER BY seen_at DESC, path;
