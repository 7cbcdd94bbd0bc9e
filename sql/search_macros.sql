-- The macros of search, created in the connection's temporary catalog by greffe.db.connect on
-- every base, writable or read-only (a snapshot published by an older greffe works too).

-- Every astreinte a decision pronounced (status 'prononcee'), standalone or an injunction's:
-- (decision_id, amount_eur, period); the amount is NULL when the text states none.
CREATE OR REPLACE TEMP MACRO greffe_pronounced_astreintes() AS TABLE
SELECT decision_id, amount_eur, period FROM astreintes WHERE status = 'prononcee'
UNION ALL
SELECT decision_id, astreinte_amount_eur, astreinte_period FROM injunctions
WHERE astreinte_status = 'prononcee';

-- The decisions that pass the filters of a search (greffe.db.SEARCH_FILTERS; NULL: any), the one
-- place they are written: sql/browse.sql, sql/alerts_match.sql and greffe.db.search_ids use it.
-- A pronounced astreinte is one with status 'prononcee' (not asked for, refused, or liquidated),
-- standalone or attached to an injunction; min_amount/max_amount bound its amount in euros per
-- period as the court stated it (100 for '100 euros par jour'), inclusive, and imply it.
--   SELECT id FROM greffe_filter('TA', NULL, 'grenoble', NULL, NULL, NULL, NULL, NULL, NULL,
--                                'prefet:isere', NULL, true, NULL, 50, NULL)
CREATE OR REPLACE TEMP MACRO greffe_filter(court_kind, court_code, city, since, until, outcome,
                                      decision_type, procedure, topic, authority, case_number,
                                      has_injunction, astreinte, min_amount, max_amount) AS TABLE
SELECT d.id
FROM decisions d
WHERE (court_kind IS NULL OR d.court_kind = court_kind)
  AND (court_code IS NULL OR d.court_code = court_code)
  AND (city IS NULL OR strip_accents(lower(d.court_city)) = strip_accents(lower(city)))
  AND (since IS NULL OR d.decision_date >= CAST(since AS DATE))
  AND (until IS NULL OR d.decision_date <= CAST(until AS DATE))
  AND (outcome IS NULL OR list_contains(d.outcomes, outcome))
  AND (decision_type IS NULL OR d.decision_type = decision_type)
  AND (procedure IS NULL OR d.procedure = procedure)
  AND (topic IS NULL OR list_contains(d.topics, topic))
  AND (authority IS NULL
       OR EXISTS (SELECT 1 FROM parties p WHERE p.decision_id = d.id AND p.authority = authority)
       OR EXISTS (SELECT 1 FROM injunctions i WHERE i.decision_id = d.id AND i.authority = authority))
  AND (case_number IS NULL
       OR EXISTS (SELECT 1 FROM case_numbers c WHERE c.decision_id = d.id AND c.number = case_number))
  AND (has_injunction IS NULL
       OR has_injunction = EXISTS (SELECT 1 FROM injunctions i WHERE i.decision_id = d.id))
  AND ((astreinte IS NULL AND min_amount IS NULL AND max_amount IS NULL)
       OR coalesce(astreinte, true) = EXISTS (
           SELECT 1 FROM greffe_pronounced_astreintes() a
           WHERE a.decision_id = d.id
             AND (min_amount IS NULL OR a.amount_eur >= min_amount)
             AND (max_amount IS NULL OR a.amount_eur <= max_amount)));

-- What a page of decisions holds in its child tables, for each decision of the list `page`
-- (one row per id, those without any child row too), read in one pass: the rows of every child
-- table that belong to the page, in one union, grouped once by decision. One pass, not a
-- subquery per table: the page query of the index sync (sql/index_stale.sql, 256 decisions)
-- runs under the writer's sync bound (greffe.db.WRITER_SYNC_MEMORY_MB), and measured on a base
-- of 10 000 decisions greffe_index_docs needs 35 MB of it this way, 47 MB with a subquery per
-- table (a sync under a 40 MB bound then ran out of it, and the writer doubled its bound).
--   authorities       the authorities of its parties and injunctions, sorted, each once
--   case_numbers      its numbers, the main one (ordinal 0) first
--   has_injunction    whether it holds an injunction
--   astreinte_amounts the amounts of the astreintes it pronounced (greffe_pronounced_astreintes), sorted
--   dispositif_start  where its dispositif starts in its text (NULL: no dispositif zone)
--   injunction, deadline, astreinte   what a search hit shows in one line: the first injunction
--       the court pronounced, the time limit it pronounced, and the astreinte it pronounced or
--       liquidated (a pronounced one first)
-- summary_only := true: the last three only, the other tables not read (greffe_hit_summary, for
-- a few decisions at a time: it reads 3 tables instead of 7). The rows are kept raw until they
-- are grouped, so that only the page's rows are made into structs.
CREATE OR REPLACE TEMP MACRO greffe_decision_facts(page, summary_only := false) AS TABLE
WITH ids AS (SELECT DISTINCT unnest(CAST(page AS VARCHAR[])) AS id),
facts AS (
    SELECT decision_id AS id, 'party' AS source, authority, NULL::INTEGER AS ordinal,
           NULL::VARCHAR AS number, NULL::DOUBLE AS pronounced, NULL::INTEGER AS start_offset,
           NULL::VARCHAR AS addressee, NULL::VARCHAR AS measure, NULL::INTEGER AS days,
           NULL::INTEGER AS months, NULL::VARCHAR AS text, NULL::DECIMAL(14, 2) AS amount_eur,
           NULL::VARCHAR AS period, NULL::VARCHAR AS status
    FROM parties WHERE NOT summary_only
    UNION ALL
    SELECT decision_id, 'injunction', authority, ordinal, NULL, NULL, NULL, addressee, measure,
           deadline_days, deadline_months, NULL, astreinte_amount_eur, astreinte_period,
           astreinte_status
    FROM injunctions
    UNION ALL
    SELECT decision_id, 'case_number', NULL, ordinal, number, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL
    FROM case_numbers WHERE NOT summary_only
    UNION ALL
    SELECT decision_id, 'pronounced', NULL, NULL, NULL, CAST(amount_eur AS DOUBLE), NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM greffe_pronounced_astreintes() WHERE amount_eur IS NOT NULL AND NOT summary_only
    UNION ALL
    SELECT decision_id, 'dispositif', NULL, NULL, NULL, NULL, start_offset, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL
    FROM zones WHERE name = 'dispositif' AND NOT summary_only
    UNION ALL
    SELECT decision_id, 'deadline', NULL, ordinal, NULL, NULL, NULL, NULL, NULL, days, months,
           text, NULL, NULL, NULL
    FROM deadlines WHERE status = 'prononce'
    UNION ALL
    SELECT decision_id, 'astreinte', NULL, ordinal, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, amount_eur, period, status
    FROM astreintes WHERE status IN ('prononcee', 'liquidee')
),
grouped AS (
    SELECT id,
           list(DISTINCT authority ORDER BY authority) FILTER (authority IS NOT NULL) AS authorities,
           list(number ORDER BY ordinal) FILTER (source = 'case_number') AS case_numbers,
           bool_or(source = 'injunction') AS has_injunction,
           list(pronounced ORDER BY pronounced) FILTER (source = 'pronounced') AS astreinte_amounts,
           min(start_offset) FILTER (source = 'dispositif') AS dispositif_start,
           arg_min(struct_pack(addressee := addressee, measure := measure, days := days,
                               months := months, amount_eur := amount_eur, period := period,
                               status := status), ordinal) FILTER (source = 'injunction') AS injunction,
           arg_min(struct_pack(days := days, months := months, text := text), ordinal)
               FILTER (source = 'deadline') AS deadline,
           arg_min(struct_pack(amount_eur := amount_eur, period := period, status := status),
                   (status = 'liquidee', ordinal)) FILTER (source = 'astreinte') AS astreinte
    FROM facts SEMI JOIN ids USING (id)
    GROUP BY id
)
SELECT ids.id, coalesce(g.authorities, []) AS authorities, coalesce(g.case_numbers, []) AS case_numbers,
       coalesce(g.has_injunction, false) AS has_injunction,
       coalesce(g.astreinte_amounts, []) AS astreinte_amounts, g.dispositif_start,
       g.injunction, g.deadline, g.astreinte
FROM ids LEFT JOIN grouped g USING (id);

-- What a search hit shows in one line, for each decision of the list `page`: the first
-- injunction the court pronounced, the time limit and the astreinte it pronounced (those of the
-- injunction first) (greffe_decision_facts; sql/hit_summary.sql, sql/search.sql).
CREATE OR REPLACE TEMP MACRO greffe_hit_summary(page) AS TABLE
SELECT id, injunction, deadline, astreinte FROM greffe_decision_facts(page, summary_only := true);

-- The fingerprint of a decision's own row, as the full-text index holds it: the columns of
-- `decisions` that greffe_index_docs reads, and loaded_at. The child tables (parties,
-- injunctions, ...) of a decision change only with its row: a re-extraction deletes the
-- decision and inserts it again with a new loaded_at; a second source updates columns of the
-- row only (sql/fill_decision.sql, sql/prefer_metadata.sql). So a decision whose row
-- fingerprint is the one text_index recorded is not stale, and sql/index_pages.sql finds the
-- pages to read without reading the child tables.
CREATE OR REPLACE TEMP MACRO greffe_row_fingerprint(court_kind, court_city, court_code, decision_date,
                                               decision_type, procedure, outcomes, topics,
                                               text_sha256, loaded_at) AS
md5(CAST(struct_pack(court_kind, court_city, court_code, decision_date, decision_type,
                     procedure, outcomes, topics, text_sha256, loaded_at) AS VARCHAR));

-- What the full-text index (greffe.textindex.IndexDoc) holds of each decision but its text
-- (sql/index_texts.sql, read a batch at a time: 100 000 texts at once would take gigabytes):
-- `shown` is what a hit shows (case numbers, start of the dispositif, the structs of its
-- summary); the fingerprint of its row (greffe_row_fingerprint); and a fingerprint of all of it
-- that changes whenever any of it does (a re-extraction stamps a new loaded_at; a second source
-- fills the court or the date in): greffe.searchindex.sync compares it with what the index
-- holds (table text_index) to add, replace and delete only what changed.
-- `first_row` and `end_row` (NULL: no bound) keep the decisions whose rowid is >= first_row and
-- < end_row: a page of the base in the order it is stored, whose cost and memory are the page's
-- (greffe.searchindex reads the base a page at a time, never all its rows at once).
--   SELECT * FROM greffe_index_docs(first_row := 0, end_row := 256)
CREATE OR REPLACE TEMP MACRO greffe_index_docs(first_row := NULL, end_row := NULL) AS TABLE
SELECT id, court_kind, city, code, decision_date, decision_type, procedure, outcomes, topics,
       authorities, case_numbers, has_injunction, astreinte_amounts, shown,
       md5(CAST(struct_pack(row_fingerprint, authorities, case_numbers, has_injunction,
                            astreinte_amounts, shown) AS VARCHAR)) AS fingerprint,
       row_fingerprint
FROM (
    SELECT id, court_kind, court_city AS city, court_code AS code, decision_date,
           decision_type, procedure, outcomes, topics, authorities, case_numbers,
           has_injunction, astreinte_amounts,
           -- what a hit shows besides the decision's row, kept in the index (greffe.db.search):
           -- read with the hit, it spares a search three lookups in child tables
           CAST(to_json(struct_pack(case_numbers := case_numbers,
                                    dispositif_start := dispositif_start,
                                    injunction := injunction, deadline := deadline,
                                    astreinte := astreinte)) AS VARCHAR) AS shown,
           greffe_row_fingerprint(court_kind, court_city, court_code, decision_date,
                                  decision_type, procedure, outcomes, topics, text_sha256,
                                  loaded_at) AS row_fingerprint
    FROM (
        SELECT d.*, h.authorities, h.case_numbers, h.has_injunction, h.astreinte_amounts,
               h.dispositif_start,
               h.injunction, h.deadline, h.astreinte
        FROM decisions d
        LEFT JOIN greffe_decision_facts((SELECT list(id) FROM decisions
                                         WHERE (first_row IS NULL OR rowid >= first_row)
                                           AND (end_row IS NULL OR rowid < end_row))) h
               ON h.id = d.id
        WHERE (first_row IS NULL OR d.rowid >= first_row) AND (end_row IS NULL OR d.rowid < end_row)
    )
);
