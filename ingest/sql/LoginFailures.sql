-- sample args: [["user0123456789abcdef01234567", "ipfail0123456789abcdef01234567"], "2026-10-14 02:45:00"]
-- The failed logins under some keys since a time, for the login limits.
SELECT key, at, emptied FROM {db}.login_failures
WHERE has(?, key) AND at >= toDateTime(?, 'UTC');
