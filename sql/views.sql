-- Views for researchers: one row per decision, per injunction, per astreinte, per party.
-- Created (again) by greffe.db.connect() on every writable open, after sql/schema.sql, so they
-- are in every base and in every published snapshot (greffe.duckdb.published/current.duckdb).
-- They only read the tables: `SELECT * FROM decisions_v WHERE ...` in `greffe sql` or in the
-- DuckDB CLI. Every column is described by COMMENT ON COLUMN below; list them with
--   SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
--   WHERE table_name LIKE '%\_v' ESCAPE '\' ORDER BY table_name, column_index;
--
-- Conventions: an authority is the key of an administration ('prefet:isere', 'ministre:interieur',
-- 'ofii'); its kind is the part before ':' ('prefet', 'ministre', 'ofii'). Amounts are euros per
-- period, as pronounced. A time limit is counted as the court wrote it: in days OR in months,
-- never converted. Pages are 1-based pages of the PDF (NULL for an XML source).

-- The citation as French lawyers write it (the same rule as greffe/citation.py):
--   'TA Grenoble, ord., 21 juill. 2025, n° 2506085'; 'CE, 1er nov. 2021, nos 458056, 458057'
CREATE OR REPLACE VIEW citations_v AS
SELECT d.id AS decision_id,
       concat_ws(', ',
           CASE WHEN d.court_kind = 'CE' THEN 'CE'
                WHEN d.court_kind IN ('TA', 'CAA') THEN concat_ws(' ', d.court_kind, d.court_city)
                ELSE coalesce(d.court_name, d.court_code) END,
           CASE d.decision_type WHEN 'ordonnance' THEN 'ord.' WHEN 'avis' THEN 'avis' END,
           CASE WHEN d.decision_date IS NOT NULL THEN
               CASE WHEN day(d.decision_date) = 1 THEN '1er' ELSE day(d.decision_date)::VARCHAR END
               || ' ' || ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juill.', 'août',
                          'sept.', 'oct.', 'nov.', 'déc.'][month(d.decision_date)]
               || ' ' || year(d.decision_date)::VARCHAR END,
           CASE WHEN len(n.numbers) = 1 THEN 'n° ' || n.numbers[1]
                WHEN len(n.numbers) > 1 THEN 'nos ' || array_to_string(n.numbers, ', ') END
       ) AS citation,
       coalesce(n.numbers, []::VARCHAR[]) AS case_numbers
FROM decisions d
LEFT JOIN (SELECT decision_id, list(number ORDER BY ordinal) AS numbers
           FROM case_numbers GROUP BY decision_id) n ON n.decision_id = d.id;

COMMENT ON VIEW citations_v IS 'The citation of each decision, as French lawyers write it';
COMMENT ON COLUMN citations_v.decision_id IS 'decisions.id';
COMMENT ON COLUMN citations_v.citation IS 'TA Grenoble, ord., 21 juill. 2025, n° 2506085 (unknown parts left out)';
COMMENT ON COLUMN citations_v.case_numbers IS 'requête numbers, the main one first';

CREATE OR REPLACE VIEW decisions_v AS
WITH inj AS (
    SELECT decision_id, count(*) AS injunctions,
           list(DISTINCT authority ORDER BY authority) FILTER (WHERE authority IS NOT NULL) AS authorities
    FROM injunctions GROUP BY decision_id
), par AS (
    SELECT decision_id, count(*) AS parties,
           list(DISTINCT authority ORDER BY authority) FILTER (WHERE authority IS NOT NULL) AS authorities,
           list(name ORDER BY ordinal) FILTER (WHERE role = 'requerant') AS requerants,
           bool_or(kind = 'association') AS association_party
    FROM parties GROUP BY decision_id
), ast AS (
    SELECT decision_id,
           bool_or(status = 'prononcee') AS astreinte_pronounced,
           max(amount_eur) FILTER (WHERE status = 'prononcee') AS astreinte_max_eur,
           bool_or(status = 'liquidee') AS astreinte_liquidated,
           bool_or(status = 'demandee') AS astreinte_asked
    FROM astreintes GROUP BY decision_id
), ddl AS (
    SELECT decision_id,
           min(days) FILTER (WHERE status = 'prononce') AS deadline_days,
           min(months) FILTER (WHERE status = 'prononce') AS deadline_months,
           bool_or(status = 'prononce') AS deadline_pronounced
    FROM deadlines GROUP BY decision_id
), src AS (
    SELECT s.decision_id, s.format, s.pages, s.ocr
    FROM sources s JOIN decisions d ON d.id = s.decision_id AND d.text_sha256 = s.sha256
)
SELECT d.id,
       c.citation,
       c.case_numbers[1] AS case_number,
       c.case_numbers,
       d.court_kind, d.court_code, d.court_city, d.court_name,
       d.decision_date,
       year(d.decision_date) AS year,
       d.decision_type, d.formation, d.procedure,
       d.outcomes, d.topics,
       coalesce(list_distinct(list_concat(par.authorities, inj.authorities)), []::VARCHAR[]) AS authorities,
       coalesce(inj.injunctions, 0) > 0 AS has_injunction,
       coalesce(inj.injunctions, 0) AS injunctions,
       coalesce(ast.astreinte_pronounced, false) AS astreinte_pronounced,
       ast.astreinte_max_eur,
       coalesce(ast.astreinte_asked, false) AS astreinte_asked,
       coalesce(ast.astreinte_liquidated, false) AS astreinte_liquidated,
       coalesce(ddl.deadline_pronounced, false) AS deadline_pronounced,
       ddl.deadline_days, ddl.deadline_months,
       coalesce(par.parties, 0) AS parties,
       coalesce(par.requerants, []::VARCHAR[]) AS requerants,
       coalesce(par.association_party, false) AS association_party,
       (SELECT list(j.name ORDER BY j.ordinal) FROM judges j WHERE j.decision_id = d.id) AS judges,
       (SELECT count(*) FROM legal_refs r WHERE r.decision_id = d.id) AS legal_refs,
       (SELECT count(*) FROM cited_decisions x WHERE x.decision_id = d.id) AS cited_decisions,
       src.format AS source_format, src.pages, src.ocr,
       length(d.text) AS text_chars,
       d.warnings, d.extractor_version, d.loaded_at
FROM decisions d
JOIN citations_v c ON c.decision_id = d.id
LEFT JOIN inj ON inj.decision_id = d.id
LEFT JOIN par ON par.decision_id = d.id
LEFT JOIN ast ON ast.decision_id = d.id
LEFT JOIN ddl ON ddl.decision_id = d.id
LEFT JOIN src ON src.decision_id = d.id;

COMMENT ON VIEW decisions_v IS 'One row per decision: what it is, what the court decided, against whom';
COMMENT ON COLUMN decisions_v.id IS 'the decision id: {court code}_{first case number}_{YYYYMMDD}, e.g. TA38_2506085_20250721';
COMMENT ON COLUMN decisions_v.citation IS 'TA Grenoble, ord., 21 juill. 2025, n° 2506085';
COMMENT ON COLUMN decisions_v.case_number IS 'the main requête number';
COMMENT ON COLUMN decisions_v.case_numbers IS 'every requête number, the main one first';
COMMENT ON COLUMN decisions_v.court_kind IS 'TA, CAA or CE';
COMMENT ON COLUMN decisions_v.court_code IS 'open-data court code: TA38, CAA69, CE';
COMMENT ON COLUMN decisions_v.court_city IS 'seat of the court: Grenoble (NULL for the CE)';
COMMENT ON COLUMN decisions_v.court_name IS 'Tribunal administratif de Grenoble';
COMMENT ON COLUMN decisions_v.decision_date IS 'date de lecture';
COMMENT ON COLUMN decisions_v.year IS 'year of decision_date';
COMMENT ON COLUMN decisions_v.decision_type IS 'ordonnance, jugement, arret, decision, avis';
COMMENT ON COLUMN decisions_v.formation IS 'as written: juge des référés, 2ème chambre';
COMMENT ON COLUMN decisions_v.procedure IS 'refere-liberte, refere-suspension, refere-mesures-utiles, execution, fond, appel, cassation, ...';
COMMENT ON COLUMN decisions_v.outcomes IS 'what the dispositif decides: rejet, injonction, suspension, annulation, non-lieu, astreinte, liquidation, ...';
COMMENT ON COLUMN decisions_v.topics IS 'anef, rendez-vous-prefecture, titre-de-sejour, alternative-non-dematerialisee, asile, visa, ...';
COMMENT ON COLUMN decisions_v.authorities IS 'administrations that are parties or addressees of an injunction: prefet:isere, ministre:interieur, ofii';
COMMENT ON COLUMN decisions_v.has_injunction IS 'the court pronounced at least one injunction';
COMMENT ON COLUMN decisions_v.injunctions IS 'number of injunctions pronounced (rows of injunctions_v)';
COMMENT ON COLUMN decisions_v.astreinte_pronounced IS 'an astreinte was pronounced (status prononcee, also an earlier order''s astreinte recited in an execution order), amount or not';
COMMENT ON COLUMN decisions_v.astreinte_max_eur IS 'largest amount of a pronounced astreinte, euros per period (NULL: none, or no amount)';
COMMENT ON COLUMN decisions_v.astreinte_asked IS 'the applicant asked for an astreinte (status demandee)';
COMMENT ON COLUMN decisions_v.astreinte_liquidated IS 'an astreinte was liquidated (status liquidee)';
COMMENT ON COLUMN decisions_v.deadline_pronounced IS 'the court set a time limit (status prononce), counted or not (sans délai)';
COMMENT ON COLUMN decisions_v.deadline_days IS 'shortest time limit set by the court that is written in days (48 heures = 2)';
COMMENT ON COLUMN decisions_v.deadline_months IS 'shortest time limit set by the court that is written in months';
COMMENT ON COLUMN decisions_v.parties IS 'number of parties (rows of parties_v)';
COMMENT ON COLUMN decisions_v.requerants IS 'names of the requérants, as written (pseudonymised in open data)';
COMMENT ON COLUMN decisions_v.association_party IS 'an association is a party (requérant or intervenant)';
COMMENT ON COLUMN decisions_v.judges IS 'the judges who ruled (never the greffier nor the rapporteur public)';
COMMENT ON COLUMN decisions_v.legal_refs IS 'number of articles of law cited';
COMMENT ON COLUMN decisions_v.cited_decisions IS 'number of decisions cited (CE 3 juin 2022, n° 452798)';
COMMENT ON COLUMN decisions_v.source_format IS 'pdf or xml: where the text comes from';
COMMENT ON COLUMN decisions_v.pages IS 'pages of the PDF the text comes from (NULL for XML)';
COMMENT ON COLUMN decisions_v.ocr IS 'the text was read by OCR (a scan): values may be less exact';
COMMENT ON COLUMN decisions_v.text_chars IS 'length of the text in characters';
COMMENT ON COLUMN decisions_v.warnings IS 'what the extraction was unsure of';
COMMENT ON COLUMN decisions_v.extractor_version IS 'version of the extractors that made this row';
COMMENT ON COLUMN decisions_v.loaded_at IS 'when it was loaded (UTC)';

CREATE OR REPLACE VIEW injunctions_v AS
SELECT i.decision_id, i.ordinal, c.citation,
       d.court_kind, d.court_code, d.court_city, d.decision_date, d.procedure,
       i.addressee, i.authority, split_part(i.authority, ':', 1) AS authority_kind,
       i.measure,
       i.deadline_text, i.deadline_days, i.deadline_months, i.deadline_anchor, i.deadline_status,
       i.astreinte_amount_eur, i.astreinte_period, i.astreinte_status, i.astreinte_text,
       i.page
FROM injunctions i
JOIN decisions d ON d.id = i.decision_id
JOIN citations_v c ON c.decision_id = i.decision_id;

COMMENT ON VIEW injunctions_v IS 'One row per injunction pronounced, with its own time limit and astreinte';
COMMENT ON COLUMN injunctions_v.decision_id IS 'decisions_v.id';
COMMENT ON COLUMN injunctions_v.ordinal IS 'order of the injunction in the decision, from 0';
COMMENT ON COLUMN injunctions_v.citation IS 'citation of the decision';
COMMENT ON COLUMN injunctions_v.court_kind IS 'TA, CAA or CE';
COMMENT ON COLUMN injunctions_v.court_code IS 'TA38, CAA69, CE';
COMMENT ON COLUMN injunctions_v.court_city IS 'Grenoble';
COMMENT ON COLUMN injunctions_v.decision_date IS 'date de lecture';
COMMENT ON COLUMN injunctions_v.procedure IS 'procedure of the decision (refere-mesures-utiles, ...)';
COMMENT ON COLUMN injunctions_v.addressee IS 'who is enjoined, as written: préfète de l''Isère';
COMMENT ON COLUMN injunctions_v.authority IS 'key of the addressee: prefet:isere';
COMMENT ON COLUMN injunctions_v.authority_kind IS 'prefet, ministre, ofii, ants, prefet-de-police, ...';
COMMENT ON COLUMN injunctions_v.measure IS 'what must be done: délivrer un récépissé, réexaminer la demande';
COMMENT ON COLUMN injunctions_v.deadline_text IS 'the time limit as written: dans un délai de quinze jours à compter de ...';
COMMENT ON COLUMN injunctions_v.deadline_days IS 'time limit in days when written in days or hours (48 heures = 2)';
COMMENT ON COLUMN injunctions_v.deadline_months IS 'time limit in months when written in months';
COMMENT ON COLUMN injunctions_v.deadline_anchor IS 'from when it runs: notification, decision, autre';
COMMENT ON COLUMN injunctions_v.deadline_status IS 'prononce (set by the court) or demande (asked)';
COMMENT ON COLUMN injunctions_v.astreinte_amount_eur IS 'astreinte attached to this injunction, euros per period';
COMMENT ON COLUMN injunctions_v.astreinte_period IS 'jour, semaine, mois, ...';
COMMENT ON COLUMN injunctions_v.astreinte_status IS 'prononcee, demandee, liquidee, refusee';
COMMENT ON COLUMN injunctions_v.astreinte_text IS 'the astreinte as written';
COMMENT ON COLUMN injunctions_v.page IS 'page of the PDF where the injunction starts';

CREATE OR REPLACE VIEW astreintes_v AS
SELECT a.decision_id, a.ordinal, c.citation,
       d.court_kind, d.court_code, d.court_city, d.decision_date, d.procedure,
       a.status, a.amount_eur, a.period, a.text, a.page
FROM astreintes a
JOIN decisions d ON d.id = a.decision_id
JOIN citations_v c ON c.decision_id = a.decision_id;

COMMENT ON VIEW astreintes_v IS 'One row per astreinte mentioned: asked, pronounced, turned down or liquidated';
COMMENT ON COLUMN astreintes_v.decision_id IS 'decisions_v.id';
COMMENT ON COLUMN astreintes_v.ordinal IS 'order in the decision, from 0';
COMMENT ON COLUMN astreintes_v.citation IS 'citation of the decision';
COMMENT ON COLUMN astreintes_v.court_kind IS 'TA, CAA or CE';
COMMENT ON COLUMN astreintes_v.court_code IS 'TA38, CAA69, CE';
COMMENT ON COLUMN astreintes_v.court_city IS 'Grenoble';
COMMENT ON COLUMN astreintes_v.decision_date IS 'date de lecture';
COMMENT ON COLUMN astreintes_v.procedure IS 'procedure of the decision';
COMMENT ON COLUMN astreintes_v.status IS 'demandee (asked), prononcee (ordered), refusee (turned down), liquidee (liquidated)';
COMMENT ON COLUMN astreintes_v.amount_eur IS 'euros per period; NULL for sous astreinte without an amount, or a liquidated lump sum';
COMMENT ON COLUMN astreintes_v.period IS 'jour, semaine, mois, trimestre, semestre, an, autre';
COMMENT ON COLUMN astreintes_v.text IS 'as written: sous astreinte de 500 euros par jour de retard';
COMMENT ON COLUMN astreintes_v.page IS 'page of the PDF';

CREATE OR REPLACE VIEW parties_v AS
SELECT p.decision_id, p.ordinal, c.citation,
       d.court_kind, d.court_code, d.court_city, d.decision_date, d.procedure, d.outcomes,
       p.name, p.role, p.kind, p.authority, split_part(p.authority, ':', 1) AS authority_kind,
       p.page
FROM parties p
JOIN decisions d ON d.id = p.decision_id
JOIN citations_v c ON c.decision_id = p.decision_id;

COMMENT ON VIEW parties_v IS 'One row per party of a decision';
COMMENT ON COLUMN parties_v.decision_id IS 'decisions_v.id';
COMMENT ON COLUMN parties_v.ordinal IS 'order in the decision, from 0';
COMMENT ON COLUMN parties_v.citation IS 'citation of the decision';
COMMENT ON COLUMN parties_v.court_kind IS 'TA, CAA or CE';
COMMENT ON COLUMN parties_v.court_code IS 'TA38, CAA69, CE';
COMMENT ON COLUMN parties_v.court_city IS 'Grenoble';
COMMENT ON COLUMN parties_v.decision_date IS 'date de lecture';
COMMENT ON COLUMN parties_v.procedure IS 'procedure of the decision';
COMMENT ON COLUMN parties_v.outcomes IS 'outcomes of the decision';
COMMENT ON COLUMN parties_v.name IS 'as written: préfet de l''Isère, association La Cimade, M. A... B...';
COMMENT ON COLUMN parties_v.role IS 'requerant, defendeur, intervenant, autre';
COMMENT ON COLUMN parties_v.kind IS 'personne, association, administration, societe, collectivite, autre';
COMMENT ON COLUMN parties_v.authority IS 'key of an administration: prefet:isere (NULL for others)';
COMMENT ON COLUMN parties_v.authority_kind IS 'prefet, ministre, ofii, ...';
COMMENT ON COLUMN parties_v.page IS 'page of the PDF where the name is';
