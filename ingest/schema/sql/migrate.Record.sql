INSERT INTO {db}.schema_migrations (version, name, checksum, applied_at, applied_by);
