-- Tables of unattended ingestion (greffe.feed, greffe.alerts, greffe.serve): the archives of the
-- open-data feed already ingested, the versions of a republished decision, saved searches
-- (alerts), what they matched and how it was delivered, and the report of each run.
-- Idempotent: greffe.db.connect() runs it after schema.sql on every writable open.

-- One row per archive file of the feed that a run went through whole. A later run skips an
-- archive whose path, size and mtime are unchanged without reading it; when size or mtime
-- changed but the content (sha256) is the same, it is skipped too and the row updated.
CREATE TABLE IF NOT EXISTS archives (
    path         VARCHAR PRIMARY KEY,                  -- '/data/opendata/TA_202503.zip'
    sha256       VARCHAR NOT NULL CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    size         BIGINT NOT NULL CHECK (size >= 0),
    mtime        DOUBLE NOT NULL,                      -- seconds since the epoch
    members      INTEGER NOT NULL CHECK (members >= 0),   -- ledger rows of its XML members
    filters      VARCHAR NOT NULL,                     -- greffe.feed.IngestFilters.signature(); '' none
    recorded_at  TIMESTAMP NOT NULL
);

-- Each open-data XML content loaded for a decision, with its Date_Mise_Jour: a decision
-- republished with a later date is a new version of the same decision; an older version seen
-- after a newer one is not loaded over it.
CREATE TABLE IF NOT EXISTS decision_versions (
    decision_id     VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    date_mise_jour  VARCHAR,                           -- '2025-03-14' as the XML states it
    path            VARCHAR NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (decision_id, sha256)
);

-- A saved search: the words of `greffe search` and its filters (a JSON object whose keys are
-- greffe.db.SEARCH_FILTERS), optionally with its own webhook.
CREATE TABLE IF NOT EXISTS alerts (
    name        VARCHAR PRIMARY KEY CHECK (regexp_full_match(name, '[A-Za-z0-9][A-Za-z0-9_.-]*')),
    query       VARCHAR,
    filters     VARCHAR NOT NULL,                      -- '{"court_code": "TA38"}'
    webhook     VARCHAR,
    created_at  TIMESTAMP NOT NULL
);

-- A decision that an alert matched, once per (alert, decision), whatever the number of runs.
CREATE TABLE IF NOT EXISTS alert_matches (
    alert_name   VARCHAR NOT NULL,
    decision_id  VARCHAR NOT NULL,
    run_id       VARCHAR NOT NULL,
    matched_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (alert_name, decision_id)
);

-- How each match was delivered: to the outbox (a JSONL file) and to a webhook. The idempotency
-- key is the same for every attempt of one (alert, decision): a receiver counts it once.
CREATE TABLE IF NOT EXISTS deliveries (
    idempotency_key  VARCHAR NOT NULL,
    channel          VARCHAR NOT NULL CHECK (channel IN ('outbox', 'webhook')),
    alert_name       VARCHAR NOT NULL,
    decision_id      VARCHAR NOT NULL,
    target           VARCHAR NOT NULL,                 -- the outbox file or the URL
    status           VARCHAR NOT NULL CHECK (status IN ('sent', 'pending', 'failed')),
    attempts         INTEGER NOT NULL CHECK (attempts >= 0),
    last_error       VARCHAR,
    updated_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (idempotency_key, channel)
);

-- The report of each ingestion run (`greffe status` shows the newest).
CREATE TABLE IF NOT EXISTS runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP NOT NULL,
    duration_s    DOUBLE NOT NULL,
    seen          INTEGER NOT NULL,
    new           INTEGER NOT NULL,                    -- decisions that were not in the base
    updated       INTEGER NOT NULL,                    -- decisions that got a new or newer source
    skipped       INTEGER NOT NULL,
    quarantined   INTEGER NOT NULL,
    filtered      INTEGER NOT NULL,                    -- left out by the ingestion filters
    archives      INTEGER NOT NULL,                    -- archives recorded as done by this run
    alerts_matched INTEGER NOT NULL,
    alerts_sent   INTEGER NOT NULL,                    -- webhook deliveries that succeeded
    alerts_pending INTEGER NOT NULL,                   -- webhook deliveries to try again next run
    published     VARCHAR
);
