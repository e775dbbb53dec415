-- sample args: ["skm"]
-- The servers of a cluster, as the server asked has them in its remote_servers: every replica
-- of every shard.
SELECT shard_num, replica_num, host_name, port
FROM system.clusters
WHERE cluster = ?
ORDER BY shard_num, replica_num;
