-- The most overdue cases at a month's end from the month's computed figures (200 per service;
-- see OverdueCases.sql for the count from the cases), most overdue first.
SELECT id, service, channel, class, kind, status, received_at, deadline_at, officer, external_ref
FROM {db}.case_month_overdue
WHERE agency = @agency AND month = toDate(@month) AND (@service = '' OR service = @service)
  AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = @agency AND month = toDate(@month))
ORDER BY deadline_at, id
LIMIT @limit;
