-- The suggestions (saran) alone, about one response in ten, ordered by time: the dashboard's
-- latest saran and the report's list read them without passing over every response of the
-- month. Fed by a materialized view over the exactly-once inserts of the intake; rebuilt
-- with the other rollups.
CREATE TABLE IF NOT EXISTS {db}.survey_saran
(
    agency       String,
    service      String,
    local_date   Date,
    submitted_at DateTime('UTC'),
    id           UUID,
    saran        String
)
ENGINE = MergeTree
PARTITION BY toYear(local_date)
ORDER BY (agency, local_date, submitted_at, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.survey_saran_mv TO {db}.survey_saran
AS SELECT agency, service, local_date, submitted_at, id, saran
FROM {db}.survey_responses
WHERE saran != '';

-- Responses stored before this migration (skm migrates before its intake starts).
INSERT INTO {db}.survey_saran
SELECT agency, service, local_date, submitted_at, id, saran
FROM {db}.survey_responses
WHERE saran != '';
