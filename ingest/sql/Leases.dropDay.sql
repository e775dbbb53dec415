-- sample args: [20261011]
-- Drops one day of lease rows (partitions by toYYYYMMDD(written)); on a cluster the table is
-- replicated to every server, and the drop replicates like its rows.
ALTER TABLE {db}.leases DROP PARTITION ?;
