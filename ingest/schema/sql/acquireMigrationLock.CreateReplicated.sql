-- sample args: []
-- The migration lock of a cluster: a replicated table whose one replica is named 'lock'.
-- ZooKeeper lets exactly one server register that replica; on the others the creation fails
-- with "replica already exists" (on the holder's own server: "table already exists"), so the
-- table is a mutex for every process on every server. Dropping it frees the replica.
CREATE TABLE {db}.schema_migrations_lock (owner String, acquired_at DateTime('UTC'))
ENGINE = ReplicatedMergeTree('/clickhouse/skm_locks/{db}/migration', 'lock')
ORDER BY tuple();
