-- sample named: {"age_bounds": [7, 14, 30, 60, 4294967295], "agency": "bppd-kalbar",
--   "duration_bounds": [60, 240, 480, 1440, 2400, 4294967295], "end": "2026-10-31 17:00:00",
--   "first": "2026-10-01", "last": "2026-10-31", "levels": [0.5, 0.9], "limit": 100,
--   "month": "2026-10-01", "service": "", "version": 1}
-- One month of one agency's cases, from the newest version of each case as
-- reports/sql/CaseSummaryRaw.sql reads them (both read chsql/fragments/casesOfMonth.sql; a
-- test compares every figure), summed for the agency and per service, channel, class,
-- complaints and complaints per channel, also within each service, and per officer, also within each service; each case is counted once
-- per dimension (ARRAY JOIN). @levels are the two percentiles (median, p90), each Excel's
-- PERCENTILE.INC of the sorted minutes, exactly as cases.Percentile; @age_bounds and
-- @duration_bounds are the inclusive upper bounds of cases.AgeBuckets and
-- cases.DurationBuckets (a row's bucket is the first bound it does not exceed). Stored in
-- case_month under one version with the month's marker row.
INSERT INTO {db}.case_month
SELECT @agency AS m_agency, toDate(@first) AS m_month, dim, key, n_received, n_completed, n_with_limit, n_on_time,
       at_levels[1] AS median, at_levels[2] AS p90, n_overdue, n_open, open_by_age, by_duration, toUInt64(@version) AS m_version
FROM
(
    SELECT
        dim, key,
        toUInt64(countIf(v_received BETWEEN toDate(@first) AND toDate(@last))) AS n_received,
        toUInt64(countIf(is_done)) AS n_completed,
        toUInt64(countIf(is_done AND v_unit != '')) AS n_with_limit,
        toUInt64(countIf(is_done AND v_unit != '' AND ifNull(v_on_time, 0) = 1)) AS n_on_time,
        arraySort(groupArrayIf(toUInt32(ifNull(v_minutes, 0)), is_done AND isNotNull(v_minutes))) AS mins,
        length(mins) AS n_mins,
        arrayMap((p, m, n) -> if(n = 0, 0, toFloat64(m[toUInt64(floor((n - 1) * p)) + 1]) + ((n - 1) * p - floor((n - 1) * p)) * (toFloat64(m[least(toUInt64(floor((n - 1) * p)) + 2, n)]) - toFloat64(m[toUInt64(floor((n - 1) * p)) + 1]))),
                 @levels, [mins, mins], [n_mins, n_mins]) AS at_levels,
        toUInt64(countIf(is_open AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(@end, 'UTC'))) AS n_overdue,
        toUInt64(countIf(is_open)) AS n_open,
        sumForEach(age_onehot) AS open_by_age,
        sumForEach(duration_onehot) AS by_duration
    FROM
    (
        SELECT *, dim, key,
            arrayFirstIndex(b -> toInt64(toUInt32(toDate(@last)) - toUInt32(v_received)) <= b, @age_bounds) AS age_bucket,
            arrayFirstIndex(b -> toUInt32(ifNull(v_minutes, 0)) <= b, @duration_bounds) AS duration_bucket,
            arrayMap(i -> toUInt64(is_open AND i = age_bucket), arrayEnumerate(@age_bounds)) AS age_onehot,
            arrayMap(i -> toUInt64(is_done AND isNotNull(v_minutes) AND i = duration_bucket), arrayEnumerate(@duration_bounds)) AS duration_onehot
        FROM ({casesOfMonth})
        ARRAY JOIN
            ['all', 'service', 'channel', 'class', if(v_kind = 'pengaduan', 'complaints', ''),
             'service-channel', 'service-class', if(v_kind = 'pengaduan', 'service-complaints', ''),
             if(v_kind = 'pengaduan', 'complaints-channel', ''), if(v_kind = 'pengaduan', 'service-complaints-channel', ''), 'officer',
             'service-officer'] AS dim,
            ['', v_service, v_channel, v_class, '', concat(v_service, '|', v_channel), concat(v_service, '|', v_class), v_service,
             v_channel, concat(v_service, '|', v_channel), v_officer, concat(v_service, '|', v_officer)] AS key
        WHERE dim != ''
    )
    GROUP BY dim, key
)
UNION ALL
SELECT @agency, toDate(@first), 'marker', '', toUInt64(0), toUInt64(0), toUInt64(0), toUInt64(0), toFloat64(0), toFloat64(0), toUInt64(0),
       toUInt64(0), CAST([] AS Array(UInt64)), CAST([] AS Array(UInt64)), toUInt64(@version);
