-- The text the full-text index holds for each decision of $ids: its text, then its parties'
-- names and its injunctions' addressees and measures (searched too, not shown). The decisions
-- are looked for among the rowids $first_row to $end_row (excluded; NULL: no bound) only: the
-- page greffe.searchindex reads, so that DuckDB reads the texts of that page, not of the base.
SELECT d.id,
       concat_ws(chr(10), d.text,
                 (SELECT string_agg(p.name, ' ' ORDER BY p.ordinal) FROM parties p
                  WHERE p.decision_id = d.id),
                 (SELECT string_agg(i.addressee || ' ' || i.measure, ' ' ORDER BY i.ordinal)
                  FROM injunctions i WHERE i.decision_id = d.id)) AS text
FROM decisions d
WHERE d.id IN (SELECT unnest(CAST($ids AS VARCHAR[])))
  AND ($first_row IS NULL OR d.rowid >= $first_row) AND ($end_row IS NULL OR d.rowid < $end_row);
