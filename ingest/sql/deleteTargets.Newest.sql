-- sample args: ["/clickhouse/tables/2/skm/survey_daily/mutations"]
-- The newest mutation of a replicated table, from ZooKeeper, where every replica of its
-- shard reads it from ('' when it has none).
SELECT max(name)
FROM system.zookeeper
WHERE path = ?;
