-- The decision record (../shared/contract/decision.schema.json) spread over tables, plus the
-- ledger of every document seen. Idempotent: greffe.db.connect() runs it on every writable open.
--
-- Conventions
--   * every child table is keyed (decision_id, ordinal) (pages: (decision_id, page)) by
--     convention only, as greffe.db writes them: a decision's rows are deleted and inserted
--     together, ordinals 0, 1, 2... in the record's list order. No PRIMARY KEY: DuckDB keeps the
--     index of a key (an ART) in memory while it writes the table, pinned, and it grows with the
--     base: with the ten child tables keyed, a writer bounded to 64 MB ran out of memory after
--     20 000 decisions, the index alone taking 26 MB (session 5; bases made before are rebuilt
--     once without these keys by greffe.db._apply_ddl). DuckDB does not use them to find a
--     decision's rows either (a scan with or without them).
--     Children point to decisions(id) by convention only too: DuckDB's foreign keys refuse a
--     delete and re-insert of the same key in one transaction, which is exactly how a decision
--     is replaced.
--   * a value that carries a span has span_start / span_end (characters of decisions.text), the
--     1-based page it starts on, and its box on that page in PDF points from the top-left corner
--     (box_x0, box_top, box_x1, box_bottom) when the source was a PDF.
--   * closed vocabularies are CHECKs, with the same words as the contract.
--   * timestamps are UTC, written by greffe (TIMESTAMP without time zone).

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS decisions (
    id                 VARCHAR PRIMARY KEY,           -- 'TA38_2506085_20250721', 'CE_457748_20211108'
    court_kind         VARCHAR CHECK (court_kind IN ('TA', 'CAA', 'CE')),
    court_city         VARCHAR,                       -- 'Grenoble', 'Cergy-Pontoise'; NULL for the CE
    court_code         VARCHAR,                       -- 'TA38', 'CAA69', 'CE'
    court_name         VARCHAR,                       -- 'Tribunal administratif de Grenoble'
    decision_date      DATE,                          -- date de lecture
    decision_type      VARCHAR CHECK (decision_type IN ('ordonnance', 'jugement', 'arret', 'decision', 'avis')),
    formation          VARCHAR,
    procedure          VARCHAR CHECK (procedure IN ('refere-liberte', 'refere-suspension',
                           'refere-mesures-utiles', 'refere-provision', 'refere-autre', 'execution',
                           'fond', 'appel', 'cassation', 'autre')),
    outcomes           VARCHAR[] NOT NULL CHECK (list_has_all(['rejet', 'injonction', 'suspension',
                           'annulation', 'non-lieu', 'desistement', 'astreinte', 'liquidation',
                           'renvoi', 'sursis', 'incompetence', 'autre'], outcomes)),
    topics             VARCHAR[] NOT NULL,            -- 'anef', 'rendez-vous-prefecture', ...
    warnings           VARCHAR[] NOT NULL,
    text               VARCHAR NOT NULL,              -- every offset of the child tables refers to it
    text_sha256        VARCHAR NOT NULL,              -- the source this text and its spans come from
    extractor_version  VARCHAR NOT NULL,
    loaded_at          TIMESTAMP NOT NULL
);

-- One row per file content. A PDF and an XML of one decision are two sources of one decision.
CREATE TABLE IF NOT EXISTS sources (
    sha256             VARCHAR PRIMARY KEY CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    decision_id        VARCHAR NOT NULL,
    path               VARCHAR NOT NULL,
    format             VARCHAR NOT NULL CHECK (format IN ('pdf', 'xml')),
    pages              INTEGER CHECK (pages >= 0),
    ocr                BOOLEAN NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    loaded_at          TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS case_numbers (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,                    -- 0 is the main number
    number       VARCHAR NOT NULL CHECK (number <> '')   -- '2506085', '21PA02971'
);

CREATE TABLE IF NOT EXISTS judges (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    name         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS parties (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    name         VARCHAR NOT NULL,                    -- 'préfet de la Seine-Saint-Denis'
    role         VARCHAR NOT NULL CHECK (role IN ('requerant', 'defendeur', 'intervenant', 'autre')),
    kind         VARCHAR NOT NULL CHECK (kind IN ('personne', 'association', 'administration',
                     'societe', 'collectivite', 'autre')),
    authority    VARCHAR,                             -- 'prefet:seine-saint-denis'
    span_start INTEGER, span_end INTEGER, page INTEGER,
    box_x0 DOUBLE, box_top DOUBLE, box_x1 DOUBLE, box_bottom DOUBLE
);

-- An injunction pronounced by the court, with its own time limit and astreinte when it has them.
CREATE TABLE IF NOT EXISTS injunctions (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    addressee    VARCHAR NOT NULL,
    authority    VARCHAR,
    measure      VARCHAR NOT NULL,
    span_start INTEGER, span_end INTEGER, page INTEGER,
    box_x0 DOUBLE, box_top DOUBLE, box_x1 DOUBLE, box_bottom DOUBLE,
    deadline_text    VARCHAR,
    deadline_days    INTEGER CHECK (deadline_days >= 0),
    deadline_months  INTEGER CHECK (deadline_months >= 0),
    deadline_anchor  VARCHAR CHECK (deadline_anchor IN ('notification', 'decision', 'autre')),
    deadline_status  VARCHAR CHECK (deadline_status IN ('demande', 'prononce')),
    deadline_start INTEGER, deadline_end INTEGER, deadline_page INTEGER,
    astreinte_amount_eur  DECIMAL(14, 2) CHECK (astreinte_amount_eur >= 0),
    astreinte_period      VARCHAR CHECK (astreinte_period IN ('jour', 'semaine', 'mois', 'trimestre',
                              'semestre', 'an', 'autre')),
    astreinte_status      VARCHAR CHECK (astreinte_status IN ('demandee', 'prononcee', 'liquidee', 'refusee')),
    astreinte_text        VARCHAR,
    astreinte_start INTEGER, astreinte_end INTEGER, astreinte_page INTEGER,
    CHECK (deadline_days IS NULL OR deadline_months IS NULL),
    CHECK ((deadline_text IS NULL) = (deadline_status IS NULL)),
    CHECK (astreinte_status IS NOT NULL OR (astreinte_amount_eur IS NULL AND astreinte_period IS NULL))
);

CREATE TABLE IF NOT EXISTS astreintes (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    amount_eur   DECIMAL(14, 2) CHECK (amount_eur >= 0),   -- per period; NULL: 'sous astreinte' alone
    period       VARCHAR CHECK (period IN ('jour', 'semaine', 'mois', 'trimestre', 'semestre', 'an', 'autre')),
    status       VARCHAR NOT NULL CHECK (status IN ('demandee', 'prononcee', 'liquidee', 'refusee')),
    text         VARCHAR NOT NULL,
    span_start INTEGER, span_end INTEGER, page INTEGER,
    box_x0 DOUBLE, box_top DOUBLE, box_x1 DOUBLE, box_bottom DOUBLE
);

CREATE TABLE IF NOT EXISTS deadlines (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    text         VARCHAR NOT NULL,                    -- 'dans un délai de quinze jours à compter ...'
    days         INTEGER CHECK (days >= 0),           -- as the text counts: never both days and months
    months       INTEGER CHECK (months >= 0),
    anchor       VARCHAR CHECK (anchor IN ('notification', 'decision', 'autre')),
    status       VARCHAR NOT NULL CHECK (status IN ('demande', 'prononce')),
    span_start INTEGER, span_end INTEGER, page INTEGER,
    box_x0 DOUBLE, box_top DOUBLE, box_x1 DOUBLE, box_bottom DOUBLE,
    CHECK (days IS NULL OR months IS NULL)
);

CREATE TABLE IF NOT EXISTS legal_refs (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    article      VARCHAR NOT NULL,                    -- 'L521-3'
    code         VARCHAR,                             -- 'CJA', 'CESEDA'
    span_start INTEGER, span_end INTEGER, page INTEGER,
    box_x0 DOUBLE, box_top DOUBLE, box_x1 DOUBLE, box_bottom DOUBLE
);

CREATE TABLE IF NOT EXISTS cited_decisions (
    decision_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    court        VARCHAR,
    date         VARCHAR,                             -- as found; may be partial
    number       VARCHAR,
    span_start INTEGER, span_end INTEGER, page INTEGER,
    box_x0 DOUBLE, box_top DOUBLE, box_x1 DOUBLE, box_bottom DOUBLE
);

CREATE TABLE IF NOT EXISTS zones (
    decision_id   VARCHAR NOT NULL,
    ordinal       INTEGER NOT NULL,
    name          VARCHAR NOT NULL CHECK (name IN ('entete', 'visas', 'motifs', 'dispositif', 'signature')),
    start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset    INTEGER NOT NULL,
    CHECK (end_offset >= start_offset)
);

-- The characters of decisions.text that came from each page of a PDF: [start_offset, end_offset).
CREATE TABLE IF NOT EXISTS pages (
    decision_id   VARCHAR NOT NULL,
    page          INTEGER NOT NULL CHECK (page >= 1),
    start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset    INTEGER NOT NULL,
    CHECK (end_offset >= start_offset)
);

-- The text of each page, for reading: SELECT text FROM page_texts WHERE decision_id = ? AND page = 2
CREATE OR REPLACE VIEW page_texts AS
SELECT p.decision_id, p.page,
       substr(d.text, p.start_offset + 1, p.end_offset - p.start_offset) AS text
FROM pages p JOIN decisions d ON d.id = p.decision_id;

-- Every document seen, whatever became of it. One row per (content, path, extractor version):
-- a new extractor version makes a new row, so the next run re-extracts. sha256 is '' for a file
-- whose bytes could not be read at all (then the path alone tells it apart).
CREATE TABLE IF NOT EXISTS ledger (
    sha256             VARCHAR NOT NULL CHECK (sha256 = '' OR regexp_full_match(sha256, '[0-9a-f]{64}')),
    path               VARCHAR NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    outcome            VARCHAR NOT NULL CHECK (outcome IN ('loaded', 'skipped', 'quarantined', 'retriable')),
    reason             VARCHAR,                       -- 'encrypted', 'truncated', 'duplicate', ...
    message            VARCHAR,
    decision_id        VARCHAR,
    seen_at            TIMESTAMP NOT NULL,            -- the last time a run saw it
    CHECK (outcome = 'loaded' OR reason IS NOT NULL),
    CHECK ((outcome = 'loaded') = (decision_id IS NOT NULL)),
    PRIMARY KEY (sha256, path, extractor_version)
);

-- What is set aside now: the newest quarantine of each file whose content never loaded.
CREATE OR REPLACE VIEW quarantine AS
SELECT l.path, l.sha256, l.reason, l.message, l.extractor_version, l.seen_at
FROM ledger l
WHERE l.outcome = 'quarantined'
  AND NOT EXISTS (SELECT 1 FROM ledger k WHERE k.sha256 = l.sha256 AND k.outcome = 'loaded')
QUALIFY row_number() OVER (PARTITION BY l.sha256, l.path ORDER BY l.seen_at DESC) = 1;

-- Full-text search works on a stemmed copy of each decision: the words of its text, of its
-- parties' names and of its injunctions' measures, each lowered, stemmed with the French Snowball
-- stemmer (on the accented word: 'rejetée' -> 'rejet', 'dématérialisée' -> 'dématérialis'), then
-- stripped of accents ('préfectures' -> 'prefectur', which the unaccented query 'prefecture' also
-- gives): the macro greffe_terms below. sql/rebuild_fts.sql indexes this table.
CREATE TABLE IF NOT EXISTS search_docs (
    decision_id  VARCHAR PRIMARY KEY,
    body         VARCHAR NOT NULL,
    parties      VARCHAR NOT NULL,
    measures     VARCHAR NOT NULL
);

-- When the full-text index was last built and over how many decisions (one row).
CREATE TABLE IF NOT EXISTS fts_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    built_at   TIMESTAMP NOT NULL,
    documents  INTEGER NOT NULL
);

-- The search term of one word, in lower case: '' for a French function word, else the word
-- stemmed with the French Snowball stemmer on its accented form, then stripped of accents.
-- 'non' and 'pas' are not function words here: 'non dématérialisé', 'n'est pas admis'.
--   greffe_term('préfectures') -> 'prefectur'; greffe_term('rejetée') -> 'rejet'; greffe_term('de') -> ''
CREATE OR REPLACE MACRO greffe_term(w) AS
    CASE WHEN w IN ('a', 'à', 'au', 'aux', 'avec', 'ce', 'ces', 'cet', 'cette', 'd', 'dans', 'de',
                    'des', 'du', 'elle', 'elles', 'en', 'est', 'et', 'il', 'ils', 'l', 'la', 'le',
                    'les', 'leur', 'leurs', 'lui', 'n', 'ne', 'ou', 'où', 'par', 'pour', 'qu',
                    'que', 'qui', 's', 'sa', 'se', 'ses', 'son', 'sur', 'un', 'une', 'y')
         THEN ''
         ELSE strip_accents(stem(w, 'french'))
    END;

-- The search terms of a text: the greffe_term of each of its words, function words left out,
-- joined by spaces (a bag of words: the order is not kept). A word is a run of Latin letters and
-- digits, written out as a class because RE2 compiles \pL slowly: 'rendez-vous' is two words,
-- '21PA02971' one, 'Łódź' one. The same macro makes the indexed copy and the terms of a query.
--   greffe_terms('Les préfectures ont rejeté') -> 'prefectur ont rejet' (in some order)
CREATE OR REPLACE MACRO greffe_terms(s) AS (
    SELECT coalesce(string_agg(t, ' '), '')
    FROM (SELECT greffe_term(w) AS t
          FROM unnest(regexp_extract_all(lower(coalesce(s, '')),
                                         '[0-9a-zß-öø-ÿ\x{0100}-\x{024F}]+')) AS words(w))
    WHERE t <> ''
);

-- A text flattened for phrase matching: lower case, no accents, every run of characters that are
-- not words (as greffe_terms sees them) one space, and a space at each end, so that
-- contains(greffe_flat(text), greffe_flat('non dématérialisé')) matches 'NON-DÉMATÉRIALISÉ,'
-- but not 'non dématérialisée' nor 'anon dématérialisé'.
CREATE OR REPLACE MACRO greffe_flat(s) AS
    ' ' || trim(regexp_replace(strip_accents(lower(coalesce(s, ''))),
                               '[^0-9a-zß-öø-ÿ\x{0100}-\x{024F}]+', ' ', 'g')) || ' ';

-- What the full-text index beside the base holds (greffe.searchindex): the fingerprint of each
-- decision as it was indexed, and that of its row alone (greffe_row_fingerprint: what tells a
-- sync, without reading the child tables, which pages of the base may have changed), written
-- after the index commit. Nothing here is the base of record: losing it only makes the next
-- sync re-index everything. (row_fingerprint came in session 4: on an older base it is NULL,
-- and the next sync indexes every decision once again.)
CREATE TABLE IF NOT EXISTS text_index (
    decision_id      VARCHAR PRIMARY KEY,
    fingerprint      VARCHAR NOT NULL,
    row_fingerprint  VARCHAR
);
ALTER TABLE text_index ADD COLUMN IF NOT EXISTS row_fingerprint VARCHAR;

INSERT INTO schema_version
SELECT 1, timezone('UTC', now())
WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 1);
