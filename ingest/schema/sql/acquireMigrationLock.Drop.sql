-- sample args: []
DROP TABLE IF EXISTS {db}.schema_migrations_lock;
