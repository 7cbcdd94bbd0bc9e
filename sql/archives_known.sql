-- What an earlier run recorded of one archive file (no row: never gone through whole).
SELECT sha256, size, mtime, filters FROM archives WHERE path = $path;
