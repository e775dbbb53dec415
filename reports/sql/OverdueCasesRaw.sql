-- sample named: {"age_bounds": [7, 14, 30, 60, 4294967295], "agency": "bppd-kalbar",
--   "duration_bounds": [60, 240, 480, 1440, 2400, 4294967295], "end": "2026-10-31 17:00:00",
--   "first": "2026-10-01", "last": "2026-10-31", "levels": [0.5, 0.9], "limit": 100,
--   "month": "2026-10-01", "service": "", "version": 1}
-- An agency's cases (optionally one service) open at the month's end with their deadline
-- passed by then, from the newest version of each case (chsql/fragments/overdueAtEnd.sql),
-- most overdue first; the columns of OverdueCases.sql.
{overdueAtEnd}
ORDER BY d_deadline, id
LIMIT @limit;
