-- Daily rollup of the survey: per agency, service and local date, the respondents and per
-- element the sum of values and the number of answers given (s1..s9, n1..n9). Any period's
-- NRR and IKM is a sum over its days. Fed by a materialized view, so it counts every insert:
-- the intake stores each response exactly once, `skm rollup verify` compares it with the raw
-- table, and `skm rollup rebuild` recomputes it from the raw table. Partitioned by year,
-- not month: the table is small, and a semester query then opens two parts' column files
-- instead of six or more (on 18.16 the per-file cost dominated: 18 ms → see bench/ikm).
CREATE TABLE IF NOT EXISTS {db}.survey_daily
(
    agency      String,
    service     String,
    local_date  Date,
    respondents UInt64,
    s1 UInt64,
    s2 UInt64,
    s3 UInt64,
    s4 UInt64,
    s5 UInt64,
    s6 UInt64,
    s7 UInt64,
    s8 UInt64,
    s9 UInt64,
    n1 UInt64,
    n2 UInt64,
    n3 UInt64,
    n4 UInt64,
    n5 UInt64,
    n6 UInt64,
    n7 UInt64,
    n8 UInt64,
    n9 UInt64
)
ENGINE = SummingMergeTree()
PARTITION BY toYear(local_date)
ORDER BY (agency, service, local_date);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.survey_daily_mv TO {db}.survey_daily
AS SELECT agency, service, local_date, count() AS respondents,
    sum(u1) AS s1, sum(u2) AS s2, sum(u3) AS s3, sum(u4) AS s4, sum(u5) AS s5, sum(u6) AS s6, sum(u7) AS s7, sum(u8) AS s8, sum(u9) AS s9,
    countIf(u1 > 0) AS n1, countIf(u2 > 0) AS n2, countIf(u3 > 0) AS n3, countIf(u4 > 0) AS n4, countIf(u5 > 0) AS n5, countIf(u6 > 0) AS n6, countIf(u7 > 0) AS n7, countIf(u8 > 0) AS n8, countIf(u9 > 0) AS n9
FROM {db}.survey_responses
GROUP BY agency, service, local_date;

-- Responses stored before this migration: skm migrates before its intake starts, so nothing
-- is inserted between the view's creation and this backfill.
INSERT INTO {db}.survey_daily
SELECT agency, service, local_date, count() AS respondents,
    sum(u1) AS s1, sum(u2) AS s2, sum(u3) AS s3, sum(u4) AS s4, sum(u5) AS s5, sum(u6) AS s6, sum(u7) AS s7, sum(u8) AS s8, sum(u9) AS s9,
    countIf(u1 > 0) AS n1, countIf(u2 > 0) AS n2, countIf(u3 > 0) AS n3, countIf(u4 > 0) AS n4, countIf(u5 > 0) AS n5, countIf(u6 > 0) AS n6, countIf(u7 > 0) AS n7, countIf(u8 > 0) AS n8, countIf(u9 > 0) AS n9
FROM {db}.survey_responses
GROUP BY agency, service, local_date;
