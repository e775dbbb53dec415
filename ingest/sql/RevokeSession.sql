-- sample row: ["0123456789abcdef0123456789abcdef", "2026-10-14 03:00:00", "2026-10-14 03:00:00"]
INSERT INTO {db}.session_revocations (session_id, expires_at, revoked_at);
