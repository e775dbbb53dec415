-- The most overdue cases at a month's end from the month's computed figures (200 per service;
-- see OverdueCases.sql for the count from the cases), most overdue first.
SELECT id, service, channel, class, kind, status, received_at, deadline_at, officer, external_ref
FROM {db}.case_month_overdue
WHERE agency = ? AND month = toDate(?) AND (? = '' OR service = ?)
  AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = ? AND month = toDate(?))
ORDER BY deadline_at, id
LIMIT ?;
