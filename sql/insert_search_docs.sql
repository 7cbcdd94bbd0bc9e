-- The stemmed copies (see sql/upsert_search_doc.sql) of a batch of new decisions in one
-- statement. $rows is a JSON array of objects {"id", "text", "parties", "measures"}.
INSERT OR REPLACE INTO search_docs (decision_id, body, parties, measures)
SELECT r.id, greffe_terms(r.text), greffe_terms(r.parties), greffe_terms(r.measures)
FROM (SELECT unnest(from_json($rows, '[{
      "id": "VARCHAR", "text": "VARCHAR", "parties": "VARCHAR", "measures": "VARCHAR"
    }]')) AS r);
