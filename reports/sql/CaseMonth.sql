-- A month of an agency's cases (optionally one service), from the newest version of each
-- case: received and completed in the month; of those completed, how many had a time limit,
-- how many of them on time, and the median and 90th percentile working minutes; open at the
-- month's end and, of those, overdue. (Aliases differ from column names: on 18.16 an alias
-- named like a column would replace it in WHERE.)
SELECT
    toUInt64(countIf(v_received BETWEEN toDate(?) AND toDate(?))) AS received,
    toUInt64(countIf(is_done)) AS completed,
    toUInt64(countIf(is_done AND v_unit != '')) AS with_limit,
    toUInt64(countIf(is_done AND v_unit != '' AND ifNull(v_on_time, 0) = 1)) AS on_time,
    toFloat64(quantileExactIf(0.5)(toFloat64(ifNull(v_minutes, 0)), is_done AND isNotNull(v_minutes))) AS median_minutes,
    toFloat64(quantileExactIf(0.9)(toFloat64(ifNull(v_minutes, 0)), is_done AND isNotNull(v_minutes))) AS p90_minutes,
    toUInt64(countIf(is_open)) AS open_at_end,
    toUInt64(countIf(is_open AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(?, 'UTC'))) AS overdue_at_end
FROM
(
    SELECT
        v_received, v_completed, v_unit, v_on_time, v_minutes, v_deadline, v_service,
        isNotNull(v_completed) AND ifNull(v_completed, toDate(0)) BETWEEN toDate(?) AND toDate(?) AS is_done,
        v_received <= toDate(?) AND (isNull(v_completed) OR ifNull(v_completed, toDate(0)) > toDate(?)) AS is_open
    FROM
    (
        SELECT
            argMax(received_date, version) AS v_received,
            argMax(completed_date, version) AS v_completed,
            toString(argMax(sla_unit, version)) AS v_unit,
            argMax(on_time, version) AS v_on_time,
            argMax(working_minutes, version) AS v_minutes,
            argMax(deadline_at, version) AS v_deadline,
            argMax(service, version) AS v_service
        FROM {db}.cases
        WHERE agency = ? AND received_date <= toDate(?)
        GROUP BY id
    )
)
WHERE (? = '' OR v_service = ?);
