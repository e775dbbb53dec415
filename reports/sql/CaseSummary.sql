-- sample named: {"age_bounds": [7, 14, 30, 60, 4294967295], "agency": "bppd-kalbar",
--   "duration_bounds": [60, 240, 480, 1440, 2400, 4294967295], "end": "2026-10-31 17:00:00",
--   "first": "2026-10-01", "last": "2026-10-31", "levels": [0.5, 0.9], "limit": 100,
--   "month": "2026-10-01", "service": "", "version": 1}
-- A month of an agency's cases from case_month (computed ahead by ingest; see
-- CaseSummaryRaw.sql for the counting): every row of the month's newest computation, the
-- marker included (a month never computed has no rows at all).
SELECT dim, key, received, completed, with_limit, on_time, median, p90, overdue, open, open_by_age, by_duration
FROM {db}.case_month
WHERE agency = @agency AND month = toDate(@month)
  AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = @agency AND month = toDate(@month));
