-- Per month and service: completed cases, with a time limit, on time — from case_month,
-- each month at its newest computation (see OnTimeByMonthRaw.sql for the count from cases).
SELECT month, service, toUInt64(sum(completed)) AS n_completed, toUInt64(sum(with_limit)), toUInt64(sum(on_time))
FROM {db}.case_month
WHERE agency = ? AND month BETWEEN toDate(?) AND toDate(?) AND kind != '' AND (? = '' OR service = ?)
  AND (month, version) IN
  (
      SELECT month, max(version) FROM {db}.case_month
      WHERE agency = ? AND month BETWEEN toDate(?) AND toDate(?)
      GROUP BY month
  )
GROUP BY month, service
HAVING n_completed > 0
ORDER BY month, service;
