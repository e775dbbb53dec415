-- sample args: []
-- How long the lock of a cluster has been held: the age of its replica in ZooKeeper, the same
-- seen from every server.
SELECT toUInt32(now() - ctime) AS age_seconds
FROM system.zookeeper
WHERE path = '/clickhouse/skm_locks/{db}/migration/replicas' AND name = 'lock';
