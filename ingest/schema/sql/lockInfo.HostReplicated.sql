-- sample args: []
-- Which server holds the lock of a cluster ("host: …\nport: …\ntcp_port: …"), for a runner
-- on another server, which cannot read the owner from the lock table.
SELECT value
FROM system.zookeeper
WHERE path = '/clickhouse/skm_locks/{db}/migration/replicas/lock' AND name = 'host';
