-- A decision whose text stays from a PDF receives its open-data XML: what the open data states
-- outright (court, date of lecture, formation) replaces what was read from the PDF; the text,
-- pages and values stay those of the PDF.
UPDATE decisions SET
    court_kind    = coalesce($court_kind, court_kind),
    court_city    = coalesce($court_city, court_city),
    court_code    = coalesce($court_code, court_code),
    court_name    = coalesce($court_name, court_name),
    decision_date = coalesce(CAST($decision_date AS DATE), decision_date),
    formation     = coalesce($formation, formation)
WHERE id = $id;
