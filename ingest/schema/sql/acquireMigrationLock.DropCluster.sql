-- sample args: []
-- Releases or breaks the lock of a cluster on whichever server holds it.
DROP TABLE IF EXISTS {db}.schema_migrations_lock ON CLUSTER {cluster};
