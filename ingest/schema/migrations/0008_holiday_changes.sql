-- Administrators' corrections of the working calendar made after the standards were loaded:
-- a day off added (off = 1) or a listed one removed (off = 0), nationally (agency '') or for
-- one agency. A move is a removal plus an addition. The newest version of (agency, date)
-- wins; every change is kept with who made it and when.
CREATE TABLE IF NOT EXISTS {db}.holiday_changes
(
    agency     String,
    date       Date,
    off        UInt8,
    kind       String,
    name       String,
    changed_at DateTime('UTC'),
    changed_by String,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (agency, date);
