-- The text the full-text index holds for each decision of $ids (a page of greffe.searchindex,
-- at most a few hundred): its text, then its parties' names and its injunctions' addressees and
-- measures (searched too, not shown). `IN ($ids)`: the ids as constants (greffe.db.run), so
-- that DuckDB reads the texts of these decisions only, not of every row of their vector.
SELECT d.id,
       concat_ws(chr(10), d.text,
                 (SELECT string_agg(p.name, ' ' ORDER BY p.ordinal) FROM parties p
                  WHERE p.decision_id = d.id),
                 (SELECT string_agg(i.addressee || ' ' || i.measure, ' ' ORDER BY i.ordinal)
                  FROM injunctions i WHERE i.decision_id = d.id)) AS text
FROM decisions d
WHERE d.id IN ($ids);
