-- sample args: [20261011]
-- Drops one day of lease rows; on a cluster the table is on every server and the drop
-- replicates like its rows.
ALTER TABLE {db}.leases DROP PARTITION ?;
