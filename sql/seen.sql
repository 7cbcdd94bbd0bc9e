-- Has this content already been dealt with under this extractor version? 'retriable' has not;
-- 'quarantined' has, unless $include_quarantined is false (a run asked to try them again).
SELECT EXISTS (
    SELECT 1 FROM ledger
    WHERE sha256 = $sha256 AND extractor_version = $extractor_version
      AND (outcome IN ('loaded', 'skipped') OR (outcome = 'quarantined' AND $include_quarantined))
);
