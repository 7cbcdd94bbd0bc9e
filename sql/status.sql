-- The figures of `greffe status`. A file set aside is one (content, path) of the quarantine view.
SELECT
    (SELECT count(*) FROM decisions) AS decisions,
    (SELECT count(*) FROM sources) AS sources,
    (SELECT count(*) FROM quarantine) AS quarantined,
    (SELECT max(seen_at) FROM ledger) AS last_run,
    (SELECT max(loaded_at) FROM decisions) AS last_loaded;
