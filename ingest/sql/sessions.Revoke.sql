INSERT INTO {db}.session_revocations (session_id, expires_at, revoked_at);
