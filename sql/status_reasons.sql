-- Files set aside, by reason.
SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY n DESC, reason;
