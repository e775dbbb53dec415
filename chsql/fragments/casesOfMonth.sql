-- The newest version of the cases of the month @first to @last (see newestCases), each
-- marked whether it was completed in the month (is_done) and whether it was open at the
-- month's end (is_open).
SELECT
    v_service, v_channel, v_class, v_kind, v_received, v_completed, v_unit, v_on_time, v_minutes, v_deadline, v_officer,
    isNotNull(v_completed) AND ifNull(v_completed, toDate(0)) BETWEEN toDate(@first) AND toDate(@last) AS is_done,
    v_received <= toDate(@last) AND (isNull(v_completed) OR ifNull(v_completed, toDate(0)) > toDate(@last)) AS is_open
FROM ({newestCases})
