-- One month of one agency's cases, from the newest version of each case as
-- reports/sql/CaseSummaryRaw.sql reads them (keep the two alike: a test compares every
-- figure), summed for the agency and per service, channel, class, complaints and complaints per channel, also within
-- each service; each case is counted once per dimension (ARRAY JOIN). Median and p90 are
-- Excel's PERCENTILE.INC of the sorted minutes, exactly as reports.Percentile; the age and
-- duration buckets are reports.AgeBuckets and reports.DurationBuckets. Stored in case_month
-- under one version with the month's marker row.
INSERT INTO {db}.case_month
SELECT ? AS m_agency, toDate(?) AS m_month, dim, key, n_received, n_completed, n_with_limit, n_on_time,
       median, p90, n_overdue, n_open, open_by_age, by_duration, toUInt64(?) AS m_version
FROM
(
    SELECT
        dim, key,
        toUInt64(countIf(v_received BETWEEN toDate(?) AND toDate(?))) AS n_received,
        toUInt64(countIf(is_done)) AS n_completed,
        toUInt64(countIf(is_done AND v_unit != '')) AS n_with_limit,
        toUInt64(countIf(is_done AND v_unit != '' AND ifNull(v_on_time, 0) = 1)) AS n_on_time,
        arraySort(groupArrayIf(toUInt32(ifNull(v_minutes, 0)), is_done AND isNotNull(v_minutes))) AS mins,
        length(mins) AS n_mins,
        if(n_mins = 0, 0, toFloat64(mins[toUInt64(floor((n_mins - 1) * 0.5)) + 1]) + ((n_mins - 1) * 0.5 - floor((n_mins - 1) * 0.5)) * (toFloat64(mins[least(toUInt64(floor((n_mins - 1) * 0.5)) + 2, n_mins)]) - toFloat64(mins[toUInt64(floor((n_mins - 1) * 0.5)) + 1]))) AS median,
        if(n_mins = 0, 0, toFloat64(mins[toUInt64(floor((n_mins - 1) * 0.9)) + 1]) + ((n_mins - 1) * 0.9 - floor((n_mins - 1) * 0.9)) * (toFloat64(mins[least(toUInt64(floor((n_mins - 1) * 0.9)) + 2, n_mins)]) - toFloat64(mins[toUInt64(floor((n_mins - 1) * 0.9)) + 1]))) AS p90,
        toUInt64(countIf(is_open AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(?, 'UTC'))) AS n_overdue,
        toUInt64(countIf(is_open)) AS n_open,
        [toUInt64(countIf(is_open AND v_age <= 7)), toUInt64(countIf(is_open AND v_age > 7 AND v_age <= 14)),
         toUInt64(countIf(is_open AND v_age > 14 AND v_age <= 30)), toUInt64(countIf(is_open AND v_age > 30 AND v_age <= 60)),
         toUInt64(countIf(is_open AND v_age > 60))] AS open_by_age,
        [toUInt64(countIf(has_min AND v_min <= 60)), toUInt64(countIf(has_min AND v_min > 60 AND v_min <= 240)),
         toUInt64(countIf(has_min AND v_min > 240 AND v_min <= 480)), toUInt64(countIf(has_min AND v_min > 480 AND v_min <= 1440)),
         toUInt64(countIf(has_min AND v_min > 1440 AND v_min <= 2400)), toUInt64(countIf(has_min AND v_min > 2400))] AS by_duration
    FROM
    (
        SELECT *, dim, key,
            toUInt32(toDate(?)) - toUInt32(v_received) AS v_age,
            is_done AND isNotNull(v_minutes) AS has_min,
            toUInt32(ifNull(v_minutes, 0)) AS v_min
        FROM
        (
            SELECT
                v_service, v_channel, v_class, v_kind, v_received, v_completed, v_unit, v_on_time, v_minutes, v_deadline,
                isNotNull(v_completed) AND ifNull(v_completed, toDate(0)) BETWEEN toDate(?) AND toDate(?) AS is_done,
                v_received <= toDate(?) AND (isNull(v_completed) OR ifNull(v_completed, toDate(0)) > toDate(?)) AS is_open
            FROM
            (
                SELECT service AS v_service, channel AS v_channel, class AS v_class, toString(kind) AS v_kind,
                       received_date AS v_received, completed_date AS v_completed, toString(sla_unit) AS v_unit,
                       on_time AS v_on_time, working_minutes AS v_minutes, deadline_at AS v_deadline
                FROM {db}.cases
                WHERE agency = ?
                  AND id IN
                  (
                      SELECT id FROM {db}.cases
                      WHERE agency = ? AND received_date <= toDate(?)
                        AND (received_date >= toDate(?) OR isNull(completed_date) OR ifNull(completed_date, toDate(0)) >= toDate(?))
                  )
                ORDER BY id, version DESC
                LIMIT 1 BY id
            )
        )
        ARRAY JOIN
            ['all', 'service', 'channel', 'class', if(v_kind = 'pengaduan', 'complaints', ''),
             'service-channel', 'service-class', if(v_kind = 'pengaduan', 'service-complaints', ''),
             if(v_kind = 'pengaduan', 'complaints-channel', ''), if(v_kind = 'pengaduan', 'service-complaints-channel', '')] AS dim,
            ['', v_service, v_channel, v_class, '', concat(v_service, '|', v_channel), concat(v_service, '|', v_class), v_service,
             v_channel, concat(v_service, '|', v_channel)] AS key
        WHERE dim != ''
    )
    GROUP BY dim, key
)
UNION ALL
SELECT ?, toDate(?), 'marker', '', toUInt64(0), toUInt64(0), toUInt64(0), toUInt64(0), toFloat64(0), toFloat64(0), toUInt64(0),
       toUInt64(0), CAST([] AS Array(UInt64)), CAST([] AS Array(UInt64)), toUInt64(?);
