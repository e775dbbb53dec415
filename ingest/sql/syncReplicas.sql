-- sample args: []
-- On a cluster, the server asked fetches every part the other replicas of a table stored
-- and carries out what its replication queue holds; {table} is a replicated table of the
-- database (deleteTargets.Tables).
SYSTEM SYNC REPLICA {db}.{table};
