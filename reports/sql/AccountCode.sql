-- sample args: ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]
-- The newest state of a one-time account code, by the hash of the code.
SELECT hash, username, purpose, user_version, created_at, expires_at, created_by, used
FROM {db}.account_codes
WHERE hash = ?
ORDER BY version DESC
LIMIT 1;
