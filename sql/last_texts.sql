-- The size in bytes (strlen) of the texts of the last $n decisions DuckDB appended (the highest
-- rowids; a replaced decision leaves a gap, so it may be fewer): the texts DuckDB will read back
-- into memory when the writer appends again (greffe.db._room_to_write counts them).
SELECT strlen(text) AS bytes FROM decisions
WHERE rowid > (SELECT max(rowid) FROM decisions) - $n;
