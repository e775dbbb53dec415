-- sample args: []
SELECT toUInt32(now() - metadata_modification_time) AS age_seconds
FROM system.tables
WHERE database = '{db}' AND name = 'schema_migrations_lock';
