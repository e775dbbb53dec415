-- sample args: []
-- The engine of the responses table tells the layout a database was migrated in: Distributed
-- (sharded), Replicated… (replicated) or another (one server).
SELECT engine FROM system.tables WHERE database = '{db}' AND name = 'survey_responses';
