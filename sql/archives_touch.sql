-- The same content under a new size or mtime (copied again, touched): remember the new ones.
UPDATE archives SET size = $size, mtime = $mtime, recorded_at = $now WHERE path = $path;
