-- sample row: [99, "sample", "0000", "2026-10-14 03:00:00", "host pid 1"]
INSERT INTO {db}.schema_migrations (version, name, checksum, applied_at, applied_by);
