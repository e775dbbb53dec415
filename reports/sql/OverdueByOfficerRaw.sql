-- sample named: {"agency": "bppd-kalbar", "end": "2026-10-31 17:00:00", "first": "2026-10-31",
--   "last": "2026-10-31", "month": "2026-10-01", "service": ""}
-- Per officer ('' for cases without one), an agency's cases (optionally one service) open at
-- the month's end with their deadline passed by then (chsql/fragments/overdueAtEnd.sql): the
-- overdue tile split by officer, most first, counted from the cases (OverdueByOfficer.sql reads
-- the same from the figures computed ahead).
SELECT v_officer, toUInt64(count()) AS n
FROM ({overdueAtEnd})
GROUP BY v_officer
ORDER BY n DESC, v_officer;
