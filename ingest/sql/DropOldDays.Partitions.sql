-- sample args: ["skm", "leases", "20261012"]
-- The days (partitions by toYYYYMMDD) of one of the tables kept for a day or two (leases,
-- login_failures) before a given day, to drop.
SELECT DISTINCT toUInt32(partition) FROM system.parts
WHERE database = ? AND table = ? AND active AND partition < ?
ORDER BY 1;
