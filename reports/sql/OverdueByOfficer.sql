-- sample named: {"agency": "bppd-kalbar", "month": "2026-10-01", "service": "konsultasi"}
-- Per officer ('' for cases without one), an agency's cases (optionally one service) open at
-- the month's end with their deadline passed by then, from the month's figures computed ahead
-- (case_month, dimension officer, or service-officer keyed "service|officer"): the overdue
-- tile split by officer, most first, as OverdueByOfficerRaw.sql counts it from the cases.
SELECT if(@service = '', key, substring(key, length(@service) + 2)) AS officer, overdue
FROM {db}.case_month
WHERE agency = @agency AND month = toDate(@month) AND overdue > 0
  AND dim = if(@service = '', 'officer', 'service-officer')
  AND (@service = '' OR substring(key, 1, length(@service) + 1) = concat(@service, '|'))
  AND version = (SELECT max(version) FROM {db}.case_month WHERE agency = @agency AND month = toDate(@month))
ORDER BY overdue DESC, officer;
