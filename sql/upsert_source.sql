-- A file content belongs to one decision: loading it again (or re-extracted under another id)
-- moves it.
INSERT INTO sources (sha256, decision_id, path, format, pages, ocr, extractor_version, loaded_at)
VALUES ($sha256, $decision_id, $path, $format, $pages, $ocr, $extractor_version, $now)
ON CONFLICT (sha256) DO UPDATE SET
    decision_id = excluded.decision_id, path = excluded.path, format = excluded.format,
    pages = excluded.pages, ocr = excluded.ocr, extractor_version = excluded.extractor_version,
    loaded_at = excluded.loaded_at;
