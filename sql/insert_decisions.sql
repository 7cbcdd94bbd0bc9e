-- The rows of decisions for a batch of new decisions (greffe.db.load_many); one row per decision,
-- the same columns as sql/insert_decision.sql. $rows is a JSON array of objects with the keys
-- below; `now` is the load time ('2025-07-21 10:00:00').
INSERT INTO decisions (id, court_kind, court_city, court_code, court_name, decision_date,
                       decision_type, formation, procedure, outcomes, topics, warnings, text,
                       text_sha256, extractor_version, loaded_at)
SELECT r.id, r.court_kind, r.court_city, r.court_code, r.court_name, CAST(r.decision_date AS DATE),
       r.decision_type, r.formation, r.procedure, r.outcomes, r.topics, r.warnings, r.text,
       r.text_sha256, r.extractor_version, r.now
FROM (SELECT unnest(from_json($rows, '[{
      "id": "VARCHAR", "court_kind": "VARCHAR", "court_city": "VARCHAR", "court_code": "VARCHAR",
      "court_name": "VARCHAR", "decision_date": "VARCHAR", "decision_type": "VARCHAR",
      "formation": "VARCHAR", "procedure": "VARCHAR", "outcomes": "VARCHAR[]",
      "topics": "VARCHAR[]", "warnings": "VARCHAR[]", "text": "VARCHAR",
      "text_sha256": "VARCHAR", "extractor_version": "VARCHAR", "now": "TIMESTAMP"
    }]')) AS r);
