-- The monthly evaluation's case figures, computed ahead: per agency and month, and per
-- service, channel, class and kind, what CaseSummary counts from the newest version of each
-- case (received, completed, with a limit, on time, the working minutes of the completed,
-- overdue at the month's end, the ages of the open; minutes and ages as sorted distinct values
-- with their counts). Reading a month is then a few hundred
-- rows instead of a pass over every case of the agency (0.5 s at 2M cases; bench-dashboard).
-- Each computation of a month writes all its groups and one marker row (kind '') under one
-- version; readers take the month's newest version, so groups that vanished are gone.
CREATE TABLE IF NOT EXISTS {db}.case_month
(
    agency         String,
    month          Date,
    service        String,
    channel        String,
    class          String,
    kind           String,
    received       UInt64,
    completed      UInt64,
    with_limit     UInt64,
    on_time        UInt64,
    done_minutes   Array(UInt32),
    done_counts    Array(UInt64),
    overdue        UInt64,
    open_ages      Array(UInt32),
    open_counts    Array(UInt64),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(month)
ORDER BY (agency, month, service, channel, class, kind);

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
