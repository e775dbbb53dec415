-- sample named: {"agency": "bppd-kalbar", "first": "2025-11-01", "last": "2026-10-31",
--   "service": ""}
-- Per month and service: completed cases, with a time limit, on time — from case_month,
-- each month at its newest computation (see OnTimeByMonthRaw.sql for the count from cases).
-- GLOBAL: on a sharded cluster the subquery's table is Distributed too (schema.Layout.Settings).
SELECT month, key, completed, with_limit, on_time
FROM {db}.case_month
WHERE agency = @agency AND month BETWEEN toDate(@first) AND toDate(@last) AND dim = 'service' AND (@service = '' OR key = @service) AND completed > 0
  AND (month, version) GLOBAL IN
  (
      SELECT month, max(version) FROM {db}.case_month
      WHERE agency = @agency AND month BETWEEN toDate(@first) AND toDate(@last)
      GROUP BY month
  )
ORDER BY month, key;
