-- A month of an agency's cases from case_month (computed ahead by ingest; see
-- CaseSummaryRaw.sql for the counting): the groups of the month's newest computation, the
-- marker row included (kind ''; a month never computed has no rows at all).
SELECT service, channel, class, kind, received, completed, with_limit, on_time, done_minutes, done_counts, overdue, open_ages, open_counts
FROM {db}.case_month
WHERE agency = ? AND month = toDate(?)
  AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = ? AND month = toDate(?))
  AND (? = '' OR service = ? OR kind = '');
