-- sample row: ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "staf-kalbar", "baru",
--   1, "2026-10-14 03:00:00", "2026-10-15 03:00:00", "admin", 0, 1]
INSERT INTO {db}.account_codes (hash, username, purpose, user_version, created_at, expires_at, created_by, used, version);
