-- The rows of injunctions: one row per injunction pronounced, with its own time limit and astreinte.
-- $rows is a JSON array of objects with the keys below (one string binds much faster than many
-- rows); a key that is missing is NULL.
INSERT INTO injunctions BY NAME
SELECT r.*
FROM (SELECT unnest(from_json($rows, '[{
      "decision_id": "VARCHAR", "ordinal": "INTEGER", "addressee": "VARCHAR",
      "authority": "VARCHAR", "measure": "VARCHAR", "span_start": "INTEGER",
      "span_end": "INTEGER", "page": "INTEGER", "box_x0": "DOUBLE",
      "box_top": "DOUBLE", "box_x1": "DOUBLE", "box_bottom": "DOUBLE",
      "deadline_text": "VARCHAR", "deadline_days": "INTEGER", "deadline_months": "INTEGER",
      "deadline_anchor": "VARCHAR", "deadline_status": "VARCHAR", "deadline_start": "INTEGER",
      "deadline_end": "INTEGER", "deadline_page": "INTEGER", "astreinte_amount_eur": "DOUBLE",
      "astreinte_period": "VARCHAR", "astreinte_status": "VARCHAR", "astreinte_text": "VARCHAR",
      "astreinte_start": "INTEGER", "astreinte_end": "INTEGER", "astreinte_page": "INTEGER"
    }]')) AS r);
