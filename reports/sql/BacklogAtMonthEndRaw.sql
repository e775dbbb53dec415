-- sample named: {"agency": "bppd-kalbar", "end": "2026-10-31 17:00:00", "first": "2026-10-31", "month": "2026-10-01",
--   "last": "2026-10-31", "now": "2026-11-05 03:00:00"}
-- Per officer ('' for cases without one), an agency's cases open at a month's end instant
-- @end, those of them overdue then (a deadline before it: the overdue tile's cases, as
-- chsql/fragments/overdueAtEnd.sql selects them) and the whole days from the oldest such
-- deadline to @end, or to @now while the month runs: the backlog view (CaseBacklog.sql) as of
-- the month's end. @first is the month's last day, as for the overdue list: only the cases
-- that can be open at the end are read.
SELECT v_officer, count() AS open, countIf(late) AS overdue,
       toUInt32(greatest(max(if(late, intDiv(toInt64(toUInt32(least(toDateTime(@end, 'UTC'), toDateTime(@now, 'UTC'))))
           - toInt64(toUInt32(assumeNotNull(v_deadline))), 86400), 0)), 0)) AS days
FROM
(
    SELECT v_officer, v_deadline, isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(@end, 'UTC') AS late
    FROM ({newestCases})
    WHERE v_received_at < toDateTime(@end, 'UTC')
      AND (isNull(v_completed_at) OR ifNull(v_completed_at, toDateTime(0)) >= toDateTime(@end, 'UTC'))
)
GROUP BY v_officer
ORDER BY overdue DESC, open DESC, v_officer;
