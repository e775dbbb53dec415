-- sample args: ["2026-10-13 03:00:00"]
-- Deletes the failed logins before a time (a mutation, done in the background).
ALTER TABLE {db}.login_failures DELETE WHERE at < toDateTime(?, 'UTC');
