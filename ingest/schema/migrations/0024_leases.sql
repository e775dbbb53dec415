-- Leases: which skm server does a piece of work that must run on one server at a time (the
-- intake's inserts of responses on a cluster, the case figures computed ahead, the daily full
-- pass, the burst watch). ClickHouse has no compare-and-set, so a lease is won by rows and a
-- rule every server applies alike (ingest.Leases): a server writes a claim for the next term,
-- waits a settle interval, and reads the term's claims back; the earliest claim wins
-- (claimed_ns, then owner). A claim whose own write took longer than half the settle interval
-- is given up by its writer, which makes the rule safe. The holder extends its term with
-- 'renew' rows and gives it up early with a 'release' row. On a cluster the table is
-- on every server, written with a majority quorum and read with sequential consistency, so
-- a read sees every claim whose write returned. Rows older than a day are deleted (a
-- mutation) by the holder of the background lease. Not partitioned: ClickHouse 18.16 keeps
-- the last quorum-written part of every partition in ZooKeeper, and after DROP PARTITION a
-- read with sequential consistency fails for good ("Replica doesn't have part …").
CREATE TABLE IF NOT EXISTS {db}.leases
(
    name       String,
    term       UInt64,
    owner      String,
    kind       Enum8('claim' = 1, 'renew' = 2, 'release' = 3),
    claimed_ns UInt64,
    expires_ns UInt64,
    written    DateTime('UTC')
)
ENGINE = MergeTree
ORDER BY (name, term, owner, kind, expires_ns);
