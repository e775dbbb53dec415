-- sample args: ["2026-10-14 03:00:00"]
-- The sessions ended by logout that have not expired yet.
SELECT session_id, max(expires_at) AS expires
FROM {db}.session_revocations
WHERE expires_at > toDateTime(?, 'UTC')
GROUP BY session_id;
