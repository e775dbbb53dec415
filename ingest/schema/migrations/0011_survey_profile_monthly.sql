-- Monthly rollup of the respondent profile: per agency, service and local month, how many
-- respondents gave each value of gender, age band, education and occupation ('' = not
-- given). The dashboard's profile charts read a semester of it instead of millions of raw
-- rows; by month, not day (every scope is whole months), it is some thirty times smaller.
-- Fed like survey_daily by a materialized view over the exactly-once inserts of the intake;
-- `skm rollup rebuild` recomputes it with survey_daily.
CREATE TABLE IF NOT EXISTS {db}.survey_profile_monthly
(
    agency      String,
    service     String,
    month       Date,
    dimension   String,
    value       String,
    respondents UInt64
)
ENGINE = SummingMergeTree()
PARTITION BY toYear(month)
ORDER BY (agency, service, month, dimension, value);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.survey_profile_monthly_mv TO {db}.survey_profile_monthly
AS SELECT agency, service, toStartOfMonth(local_date) AS month, dimension, value, count() AS respondents
FROM {db}.survey_responses
ARRAY JOIN ['jenis_kelamin', 'umur', 'pendidikan', 'pekerjaan'] AS dimension,
    [toString(jenis_kelamin),
     multiIf(umur = 0, '', umur < 20, '< 20', umur < 30, '20–29', umur < 40, '30–39', umur < 50, '40–49', umur < 60, '50–59', '≥ 60'),
     pendidikan, pekerjaan] AS value
GROUP BY agency, service, month, dimension, value;

-- Responses stored before this migration (skm migrates before its intake starts).
INSERT INTO {db}.survey_profile_monthly
SELECT agency, service, toStartOfMonth(local_date) AS month, dimension, value, count() AS respondents
FROM {db}.survey_responses
ARRAY JOIN ['jenis_kelamin', 'umur', 'pendidikan', 'pekerjaan'] AS dimension,
    [toString(jenis_kelamin),
     multiIf(umur = 0, '', umur < 20, '< 20', umur < 30, '20–29', umur < 40, '30–39', umur < 50, '40–49', umur < 60, '50–59', '≥ 60'),
     pendidikan, pekerjaan] AS value
GROUP BY agency, service, month, dimension, value;
