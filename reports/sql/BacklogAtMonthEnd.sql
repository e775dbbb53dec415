-- sample named: {"agency": "bppd-kalbar", "end": "2026-10-31 17:00:00", "first": "2026-10-31", "month": "2026-10-01",
--   "last": "2026-10-31", "now": "2026-11-05 03:00:00"}
-- Per officer, an agency's cases open and overdue at a month's end from the month's computed
-- figures (dimension officer of case_month), with the whole days from the officer's oldest
-- deadline (its most overdue case is kept in case_month_overdue) to @end, or to @now while the
-- month runs; see BacklogAtMonthEndRaw.sql for the count from the cases.
-- GLOBAL: on a sharded cluster the subquery's table is Distributed too (schema.Layout.Settings).
SELECT key, open, overdue,
       toUInt32(if(overdue = 0, 0, greatest(intDiv(toInt64(toUInt32(least(toDateTime(@end, 'UTC'), toDateTime(@now, 'UTC'))))
           - toInt64(toUInt32(oldest)), 86400), 0))) AS days
FROM
(
    SELECT key, open, overdue
    FROM {db}.case_month
    WHERE agency = @agency AND month = toDate(@month) AND dim = 'officer' AND open > 0
      AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = @agency AND month = toDate(@month))
) AS figures
GLOBAL ANY LEFT JOIN
(
    SELECT officer AS key, min(deadline_at) AS oldest
    FROM {db}.case_month_overdue
    WHERE agency = @agency AND month = toDate(@month)
      AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = @agency AND month = toDate(@month))
    GROUP BY officer
) AS oldest_deadlines USING key
ORDER BY overdue DESC, open DESC, key;
