-- sample row: ["user0123456789abcdef01234567", "2026-10-14 03:00:00", 0]
INSERT INTO {db}.login_failures (key, at, emptied);
