-- sample args: ["skm", "20261012"]
-- The days of lease rows before a given day (partitions by toYYYYMMDD(written)), to drop.
SELECT DISTINCT toUInt32(partition) FROM system.parts
WHERE database = ? AND table = 'leases' AND active AND partition < ?
ORDER BY 1;
