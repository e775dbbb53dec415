-- The fingerprint of each day of an agency's saran, per service: how many survey_saran holds
-- and a sum of a hash of each (its id as 16 bytes, time, service and text). The saran themes
-- keep each day's grouping and group a day again only when its fingerprint changed; and the
-- newest saran are read from the few newest days that hold enough of them. Read from here, a
-- page reads a row per day and service instead of every saran of its period (at 100M
-- responses one agency's month held 230 000). Fed, as survey_saran is, by a view over the intake's
-- inserts (18.16 does not pass rows a view wrote on to that table's own views). What the view
-- does not see — the rows the repair of a half-stored batch and the rebuild write into
-- survey_saran, the rebuild's deletion, a stop between this view's part and survey_saran's —
-- Store.CorrectSaranDays puts right by adding the difference: the sums wrap modulo 2⁶⁴, so a
-- difference added is exact.
CREATE TABLE IF NOT EXISTS {db}.survey_saran_days
(
    agency      String,
    local_date  Date,
    service     String,
    saran_count UInt64,
    print       UInt64
)
ENGINE = SummingMergeTree()
PARTITION BY toYear(local_date)
ORDER BY (agency, local_date, service);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.survey_saran_days_mv TO {db}.survey_saran_days
AS SELECT agency, local_date, service, count() AS saran_count, sum(cityHash64(reinterpretAsString(id), submitted_at, service, saran)) AS print
FROM {db}.survey_responses
WHERE saran != ''
GROUP BY agency, local_date, service;

-- Saran stored before this migration (skm migrates before its intake starts).
INSERT INTO {db}.survey_saran_days
SELECT agency, local_date, service, count() AS saran_count, sum(cityHash64(reinterpretAsString(id), submitted_at, service, saran)) AS print
FROM {db}.survey_saran
GROUP BY agency, local_date, service;
