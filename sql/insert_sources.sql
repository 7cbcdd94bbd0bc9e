-- The sources of a batch of new decisions (file contents the base does not have yet; a known one
-- goes through sql/upsert_source.sql). $rows is a JSON array of objects with the keys below.
INSERT INTO sources (sha256, decision_id, path, format, pages, ocr, extractor_version, loaded_at)
SELECT r.sha256, r.decision_id, r.path, r.format, r.pages, r.ocr, r.extractor_version, r.now
FROM (SELECT unnest(from_json($rows, '[{
      "sha256": "VARCHAR", "decision_id": "VARCHAR", "path": "VARCHAR", "format": "VARCHAR",
      "pages": "INTEGER", "ocr": "BOOLEAN", "extractor_version": "VARCHAR", "now": "TIMESTAMP"
    }]')) AS r);
