-- sample args: []
-- Creating a table that must not exist yet is atomic in ClickHouse: of two processes, one
-- succeeds and the other gets "already exists". That makes this table a cross-process
-- (and cross-host) mutex for migrations.
CREATE TABLE {db}.schema_migrations_lock (owner String, acquired_at DateTime('UTC')) ENGINE = Log;
