-- sample args: []
-- On a cluster, the record of applied migrations is replicated to every server: before it
-- is read, this server fetches what others recorded (the runner that held the lock before
-- may have run on another server).
SYSTEM SYNC REPLICA {db}.schema_migrations;
