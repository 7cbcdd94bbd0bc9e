SELECT count(*) FROM sources WHERE decision_id = $id;
