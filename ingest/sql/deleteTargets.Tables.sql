-- sample args: []
-- The replicated tables a rollup rebuild's delete mutates on the server asked: the rollup
-- tables, or on a sharded cluster their local tables (the Distributed tables are no replicas),
-- with their ZooKeeper paths.
SELECT table, zookeeper_path
FROM system.replicas
WHERE database = '{db}' AND replaceRegexpOne(table, '_local$', '') IN ('survey_daily', 'survey_profile_monthly', 'survey_saran')
ORDER BY table;
