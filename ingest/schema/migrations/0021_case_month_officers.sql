-- The months computed ahead gained the cases per officer (dimensions officer and, within each
-- service, service-officer: open and overdue
-- at the month's end, for the ringkasan's actions due), and case_month_overdue keeps, beside
-- the 200 most overdue cases per service, the most overdue case of each officer (the days
-- since their oldest deadline). No table changes: every agency's months are marked for
-- computing again, under a sequence above any before.
INSERT INTO {db}.case_month_dirty
SELECT agency, toStartOfMonth(min(received_date)), toUInt64(toUnixTimestamp(now())) * 1000000000
FROM {db}.cases
GROUP BY agency;
