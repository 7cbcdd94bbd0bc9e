-- Save an alert (a search kept for later runs); saving under an existing name replaces it.
INSERT INTO alerts (name, query, filters, webhook, created_at)
VALUES ($name, $query, $filters, $webhook, $now)
ON CONFLICT (name) DO UPDATE SET
    query = excluded.query, filters = excluded.filters, webhook = excluded.webhook;
