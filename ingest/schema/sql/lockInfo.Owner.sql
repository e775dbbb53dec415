-- sample args: []
SELECT any(owner) FROM {db}.schema_migrations_lock;
