-- sample args: ["intake", "intake"]
-- The rows of a lease's newest term: its claims, renewals and release. On a cluster it is read
-- with sequential consistency, so every row whose quorum write returned is among them.
SELECT term, owner, toString(kind) AS kind, claimed_ns, expires_ns
FROM {db}.leases
WHERE name = ? AND term = (SELECT max(term) FROM {db}.leases WHERE name = ?);
