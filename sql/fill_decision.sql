-- A second source of a decision whose text stays from the first (a PDF, which has pages):
-- the facts the second one states and the first did not are filled in, nothing is overwritten.
UPDATE decisions SET
    court_kind    = coalesce(court_kind, $court_kind),
    court_city    = coalesce(court_city, $court_city),
    court_code    = coalesce(court_code, $court_code),
    court_name    = coalesce(court_name, $court_name),
    decision_date = coalesce(decision_date, CAST($decision_date AS DATE)),
    decision_type = coalesce(decision_type, $decision_type),
    formation     = coalesce(formation, $formation),
    procedure     = coalesce(procedure, $procedure)
WHERE id = $id;
