-- What is stored of a decision before it is loaded again (no row: the decision is new): the
-- source its text comes from, and the facts that a second source may lack.
SELECT d.text_sha256, s.format, coalesce(s.ocr, false) AS ocr, d.court_kind, d.court_city, d.court_code, d.court_name,
       d.decision_date, d.decision_type, d.formation, d.procedure
FROM decisions d
LEFT JOIN sources s ON s.sha256 = d.text_sha256
WHERE d.id = $id;
