-- The newest version of the cases (optionally of one @service) open at the month's end
-- instant @end (UTC) with their deadline passed by then (see newestCases), with the columns
-- of case_month_overdue. Callers bind @first to the month's last day (@last): the cases that
-- can be open at the end are those open then or completed from that day on, a much smaller
-- set to read than the whole month's. Statements order and limit it in the same query level
-- (one more subquery around it made the overdue list half again as slow on 18.16).
SELECT id, v_service, v_channel, v_class, v_kind, v_status, v_received_at, ifNull(v_deadline, toDateTime(0)) AS d_deadline,
       v_officer, v_ref
FROM ({newestCases})
WHERE v_received_at < toDateTime(@end, 'UTC')
  AND (isNull(v_completed_at) OR ifNull(v_completed_at, toDateTime(0)) >= toDateTime(@end, 'UTC'))
  AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(@end, 'UTC')
  AND (@service = '' OR v_service = @service)
