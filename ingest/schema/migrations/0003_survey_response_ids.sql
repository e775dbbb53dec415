-- Every response id ever stored, ordered by id so that a lookup by id reads a few granules
-- whatever the response's date. The batcher checks a batch against it before inserting, so
-- a response re-sent by a client (same id, any day later) or replayed from the spool after a
-- crash is stored, and counted by every materialized view, exactly once.
CREATE TABLE IF NOT EXISTS {db}.survey_response_ids
(
    id         UUID,
    agency     String,
    service    String,
    local_date Date
)
ENGINE = ReplacingMergeTree()
ORDER BY id;

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.survey_response_ids_mv TO {db}.survey_response_ids
AS SELECT id, agency, service, local_date FROM {db}.survey_responses;
