-- The newest version of the cases of the month @first to @last (see newestCases) that were
-- open at the month's end instant @end (UTC) with their deadline passed by then.
SELECT id, v_service, v_channel, v_class, v_kind, v_status, v_received_at, v_completed_at, v_deadline, v_officer, v_ref
FROM ({newestCases})
WHERE v_received_at < toDateTime(@end, 'UTC')
  AND (isNull(v_completed_at) OR ifNull(v_completed_at, toDateTime(0)) >= toDateTime(@end, 'UTC'))
  AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(@end, 'UTC')
