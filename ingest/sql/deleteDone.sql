-- sample args: ["0000000003", "0000000003", "survey_daily_local"]
-- Whether the server asked has applied a table's mutation and every one before it: how many
-- of its mutations are that one and done, and how many up to it are not done yet.
SELECT countIf(mutation_id = ? AND is_done = 1), countIf(mutation_id <= ? AND is_done = 0)
FROM system.mutations
WHERE database = '{db}' AND table = ?;
