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

-- What a search hit shows in one line, for each decision of the list `page`: the first
-- injunction the court pronounced, the time limit and the astreinte it pronounced (those of the
-- injunction first); each table read once for the whole page (sql/hit_summary.sql, sql/search.sql).
CREATE OR REPLACE TEMP MACRO greffe_hit_summary(page) AS TABLE
WITH ids AS (SELECT DISTINCT unnest(CAST(page AS VARCHAR[])) AS id),
inj AS (
    SELECT i.decision_id AS id,
           arg_min(struct_pack(addressee := i.addressee, measure := i.measure,
                               days := i.deadline_days, months := i.deadline_months,
                               amount_eur := i.astreinte_amount_eur, period := i.astreinte_period,
                               status := i.astreinte_status), i.ordinal) AS injunction
    FROM injunctions i SEMI JOIN ids ON ids.id = i.decision_id
    GROUP BY i.decision_id
),
dl AS (
    SELECT l.decision_id AS id,
           arg_min(struct_pack(days := l.days, months := l.months, text := l.text), l.ordinal) AS deadline
    FROM deadlines l SEMI JOIN ids ON ids.id = l.decision_id
    WHERE l.status = 'prononce'
    GROUP BY l.decision_id
),
ast AS (
    SELECT a.decision_id AS id,
           arg_min(struct_pack(amount_eur := a.amount_eur, period := a.period, status := a.status),
                   (a.status = 'liquidee', a.ordinal)) AS astreinte
    FROM astreintes a SEMI JOIN ids ON ids.id = a.decision_id
    WHERE a.status IN ('prononcee', 'liquidee')
    GROUP BY a.decision_id
)
SELECT ids.id, inj.injunction, dl.deadline, ast.astreinte
FROM ids
LEFT JOIN inj USING (id) LEFT JOIN dl USING (id) LEFT JOIN ast USING (id);

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
        SELECT d.*,
               coalesce((SELECT list(DISTINCT x.authority ORDER BY x.authority) FROM (
                             SELECT p.authority FROM parties p WHERE p.decision_id = d.id
                             UNION ALL
                             SELECT i.authority FROM injunctions i WHERE i.decision_id = d.id) x
                         WHERE x.authority IS NOT NULL), []) AS authorities,
               coalesce((SELECT list(c.number ORDER BY c.ordinal) FROM case_numbers c
                         WHERE c.decision_id = d.id), []) AS case_numbers,
               EXISTS (SELECT 1 FROM injunctions i WHERE i.decision_id = d.id) AS has_injunction,
               coalesce((SELECT list(CAST(a.amount_eur AS DOUBLE) ORDER BY a.amount_eur)
                         FROM greffe_pronounced_astreintes() a
                         WHERE a.decision_id = d.id AND a.amount_eur IS NOT NULL), []) AS astreinte_amounts,
               (SELECT min(z.start_offset) FROM zones z
                WHERE z.decision_id = d.id AND z.name = 'dispositif') AS dispositif_start,
               h.injunction, h.deadline, h.astreinte
        FROM decisions d
        LEFT JOIN greffe_hit_summary((SELECT list(id) FROM decisions
                                      WHERE (first_row IS NULL OR rowid >= first_row)
                                        AND (end_row IS NULL OR rowid < end_row))) h
               ON h.id = d.id
        WHERE (first_row IS NULL OR d.rowid >= first_row) AND (end_row IS NULL OR d.rowid < end_row)
    )
);
