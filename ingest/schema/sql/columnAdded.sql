-- sample args: ["skm", "api_tokens", "kind"]
-- Whether a table has a column: a migration's ADD COLUMN that stopped before it was recorded
-- is not run again (18.16 has no ADD COLUMN IF NOT EXISTS).
SELECT count() FROM system.columns WHERE database = ? AND table = ? AND name = ?;
