-- sample row: ["kepala-kalbar", "bppd-kalbar", "head", "Kepala",
--   "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", 0, "2026-10-14 03:00:00", "admin", 1]
INSERT INTO {db}.users (username, agency, role, display_name, password_hash, disabled, changed_at, changed_by, version);
