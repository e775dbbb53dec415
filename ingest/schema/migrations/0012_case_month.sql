-- The monthly evaluation's case figures, computed ahead: per agency and month what
-- CaseSummary reports — received, completed, with a limit, on time, median and 90th
-- percentile of the working minutes, overdue and open at the month's end, open by age and
-- completed by duration — for the whole agency (dim 'all') and per service, channel, class and
-- complaints, also within each service ('service-channel' with key 'service|channel', …).
-- Reading a month is then some fifty rows of numbers instead of a pass over every case
-- (bench-dashboard). Each computation writes its rows and a 'marker' row under one version;
-- readers take the month's newest version, so rows that vanished are gone.
CREATE TABLE IF NOT EXISTS {db}.case_month
(
    agency      String,
    month       Date,
    dim         String,
    key         String,
    received    UInt64,
    completed   UInt64,
    with_limit  UInt64,
    on_time     UInt64,
    median      Float64,
    p90         Float64,
    overdue     UInt64,
    open        UInt64,
    open_by_age Array(UInt64),
    by_duration Array(UInt64),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(month)
ORDER BY (agency, month, dim, key);

-- The most overdue cases at each month's end, 200 per service (the 200 most overdue of the
-- agency are among them), stored with the same version as the month's figures.
CREATE TABLE IF NOT EXISTS {db}.case_month_overdue
(
    agency       String,
    month        Date,
    id           String,
    service      String,
    channel      String,
    class        String,
    kind         String,
    status       String,
    received_at  DateTime('UTC'),
    deadline_at  DateTime('UTC'),
    officer      String,
    external_ref String,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(month)
ORDER BY (agency, month, service, id);

-- Which months need computing again: every write of case versions adds the agency and the
-- first month it touches (from there to the current month are recomputed). seq orders the
-- entries (Unix nanoseconds).
CREATE TABLE IF NOT EXISTS {db}.case_month_dirty
(
    agency      String,
    first_month Date,
    seq         UInt64
)
ENGINE = MergeTree
ORDER BY (seq, agency);

-- Cases stored before this migration.
INSERT INTO {db}.case_month_dirty
SELECT agency, toStartOfMonth(min(received_date)), 1
FROM {db}.cases
GROUP BY agency;
