-- Remember the digest of the DDL just applied (see sql/ddl_applied.sql).
CREATE OR REPLACE TABLE ddl_applied AS SELECT CAST($sha256 AS VARCHAR) AS sha256;
