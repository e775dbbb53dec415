-- sample args: ["2026-10-13 03:00:00"]
-- Deletes the lease rows written before a time (a mutation, done in the background); on a
-- cluster the table is on every server and the mutation replicates.
ALTER TABLE {db}.leases DELETE WHERE written < toDateTime(?, 'UTC');
