-- sample row: ["intake", 3, "host-1234-ab12", "claim", 1790000000000000000, 1790000015000000000,
--   "2026-10-14 03:00:00"]
-- A claim, renewal or release of a lease (see migration 0024 and ingest.Leases).
INSERT INTO {db}.leases (name, term, owner, kind, claimed_ns, expires_ns, written);
