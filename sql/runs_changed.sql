-- The decisions that got a source loaded since $since (the start of a run), each `updated` when
-- the decision was there before the run (another source loaded earlier, or the same source
-- loaded under another extractor version), else new.
SELECT c.decision_id,
       EXISTS (SELECT 1 FROM sources s2 WHERE s2.decision_id = c.decision_id AND s2.loaded_at < $since)
       OR EXISTS (SELECT 1 FROM ledger k
                  WHERE k.decision_id = c.decision_id AND k.outcome = 'loaded'
                    AND k.extractor_version NOT IN (SELECT s3.extractor_version FROM sources s3
                                                    WHERE s3.decision_id = c.decision_id))
       AS updated
FROM (SELECT DISTINCT decision_id FROM sources WHERE loaded_at >= $since) c
ORDER BY c.decision_id;
