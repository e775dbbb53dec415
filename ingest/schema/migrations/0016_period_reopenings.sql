-- A closed survey period (its results published, or the time for late paper forms after
-- its end passed) takes no new responses unless the head or an admin reopens it, with a
-- reason, until a given instant. One row per reopening; a later version of the same id
-- (closing it early) replaces it. Read by the intake's period gate and shown with the period.
CREATE TABLE IF NOT EXISTS {db}.period_reopenings
(
    agency      String,
    period      String,
    id          String,
    reason      String,
    reopened_by String,
    reopened_at DateTime('UTC'),
    until       DateTime('UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (agency, period, id);
