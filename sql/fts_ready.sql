-- Is there a full-text index, and is it older than the newest load or missing some decisions?
SELECT
    EXISTS (SELECT 1 FROM duckdb_schemas() WHERE schema_name = 'fts_main_search_docs') AS built,
    (SELECT built_at FROM fts_state WHERE id = 1) AS built_at,
    coalesce((SELECT built_at FROM fts_state WHERE id = 1) < (SELECT max(loaded_at) FROM decisions)
             OR (SELECT documents FROM fts_state WHERE id = 1) <> (SELECT count(*) FROM decisions),
             (SELECT count(*) FROM decisions) > 0) AS stale;
