-- The ledger paths of archive members seen since a run started ('/feed/TA_202503.zip!TA38/x.xml').
SELECT DISTINCT path FROM ledger WHERE seen_at >= $since AND contains(path, '.zip!');
