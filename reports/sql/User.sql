-- sample args: ["kepala-kalbar"]
-- The newest version of one account.
SELECT username, agency, toString(role), display_name, password_hash, disabled, changed_at, changed_by, version
FROM {db}.users
WHERE username = ?
ORDER BY version DESC
LIMIT 1;
