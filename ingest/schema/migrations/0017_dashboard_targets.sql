-- The dashboard's targets of an agency for a year, set on the staff screen (/target/{agency})
-- or with skm target set: the IKM target, the on-time share, and the largest acceptable
-- number of open cases past their deadline at a month's end (NULL: no cap). Every setting is
-- a row of its own and kept: the newest (by its nanosecond version) is the year's targets,
-- the older ones its history. A year without a row takes the agency file's targets.
CREATE TABLE IF NOT EXISTS {db}.dashboard_targets
(
    agency          String,
    year            UInt16,
    ikm             Float64,
    on_time_percent Float64,
    overdue_cap     Nullable(UInt32),
    note            String,
    set_by          String,
    set_at          DateTime('UTC'),
    version         UInt64
)
ENGINE = MergeTree
ORDER BY (agency, year, version);
