-- sample row: ["host pid 1", "2026-10-14 03:00:00"]
INSERT INTO {db}.schema_migrations_lock (owner, acquired_at);
