-- A month of an agency's cases from case_month (computed ahead by ingest; see
-- CaseSummaryRaw.sql for the counting): every row of the month's newest computation, the
-- marker included (a month never computed has no rows at all).
SELECT dim, key, received, completed, with_limit, on_time, median, p90, overdue, open, open_by_age, by_duration
FROM {db}.case_month
WHERE agency = @agency AND month = toDate(@month)
  AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = @agency AND month = toDate(@month));
