-- Every row of one decision except its sources and ledger rows (which say where it came from).
DELETE FROM case_numbers WHERE decision_id = $id;
DELETE FROM judges WHERE decision_id = $id;
DELETE FROM parties WHERE decision_id = $id;
DELETE FROM injunctions WHERE decision_id = $id;
DELETE FROM astreintes WHERE decision_id = $id;
DELETE FROM deadlines WHERE decision_id = $id;
DELETE FROM legal_refs WHERE decision_id = $id;
DELETE FROM cited_decisions WHERE decision_id = $id;
DELETE FROM zones WHERE decision_id = $id;
DELETE FROM pages WHERE decision_id = $id;
DELETE FROM search_docs WHERE decision_id = $id;
DELETE FROM decisions WHERE id = $id;
