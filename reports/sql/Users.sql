-- sample args: []
-- The newest version of every account, by username.
SELECT username, agency, toString(role), display_name, password_hash, disabled, changed_at, changed_by, version
FROM {db}.users
ORDER BY username, version DESC
LIMIT 1 BY username;
