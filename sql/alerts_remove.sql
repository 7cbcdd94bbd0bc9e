-- Remove an alert with what it matched and delivered; one row back when it existed.
DELETE FROM deliveries WHERE alert_name = $name;
DELETE FROM alert_matches WHERE alert_name = $name;
DELETE FROM alerts WHERE name = $name RETURNING name;
