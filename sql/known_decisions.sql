-- Which decisions of a batch the base has already (one query per batch instead of one per
-- document): their ids. $ids is a JSON array (one string binds much faster than a list):
-- '["TA38_2506085_20250721", ...]'. The file contents of the batch are looked up by a statement
-- of their own (sql/known_sources.sql): measured (the writer alone, the bench's 10 000
-- decisions), the store took 19 s with both lookups in one UNION ALL, 13.6 s with two. When
-- DuckDB is at the writer's bound, the first statement of a batch pays for spilling what the run
-- wrote to <base>.tmp (up to 200 ms instead of 3); the union, whose two joins run together,
-- paid the most (10.5 s of the 19).
SELECT id FROM decisions
WHERE id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')));
