-- sample named: {"age_bounds": [7, 14, 30, 60, 4294967295], "agency": "bppd-kalbar",
--   "duration_bounds": [60, 240, 480, 1440, 2400, 4294967295], "end": "2026-10-31 17:00:00",
--   "first": "2026-10-01", "last": "2026-10-31", "levels": [0.5, 0.9], "limit": 100,
--   "month": "2026-10-01", "service": "", "version": 1}
-- The most overdue cases at a month's end from the month's computed figures (200 per service;
-- see OverdueCasesRaw.sql for the count from the cases), most overdue first.
SELECT id, service, channel, class, kind, status, received_at, deadline_at, officer, external_ref
FROM {db}.case_month_overdue
WHERE agency = @agency AND month = toDate(@month) AND (@service = '' OR service = @service)
  AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = @agency AND month = toDate(@month))
ORDER BY deadline_at, id
LIMIT @limit;
