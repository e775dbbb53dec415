INSERT INTO {db}.schema_migrations_lock (owner, acquired_at);
