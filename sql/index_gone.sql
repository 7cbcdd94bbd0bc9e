-- The decisions the full-text index still holds but the base no longer has (re-extracted under
-- another id, or their source moved to a new id): to delete from the index.
SELECT t.decision_id
FROM text_index t
ANTI JOIN decisions d ON d.id = t.decision_id;
