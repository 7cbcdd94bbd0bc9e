-- The digest of the DDL (sql/schema.sql, schema_feed.sql, views.sql) last applied to this base;
-- greffe.db.connect applies them again only when the files changed (views.sql alone costs
-- 0.1 s, and a run opens its base more than once).
SELECT sha256 FROM ddl_applied;
