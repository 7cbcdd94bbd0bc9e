-- Has this content already been dealt with under this extractor version? 'retriable' has not;
-- 'quarantined' has, unless $include_quarantined is false (a run asked to try them again).
-- A skip counts only when it is a verdict on the content itself ('older-version', ...): an
-- 'already-seen' skip points to another row, and a 'duplicate' skip is written before its twin
-- is loaded (a run killed in between must not lose the twin).
SELECT EXISTS (
    SELECT 1 FROM ledger
    WHERE sha256 = $sha256 AND extractor_version = $extractor_version
      AND (outcome = 'loaded'
           OR (outcome = 'skipped' AND reason NOT IN ('already-seen', 'duplicate'))
           OR (outcome = 'quarantined' AND $include_quarantined))
);
