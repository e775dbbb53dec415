-- sample row: ["0011223344556677", "bppd-kalbar", "tes", "ab12", "2026-10-14 03:00:00", 0, 1, "kiosk"]
INSERT INTO {db}.api_tokens (id, agency, name, hash, created_at, revoked, version, kind);
