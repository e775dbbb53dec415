-- sample named: {"agency": "bppd-kalbar", "first": "2025-11-01", "last": "2026-10-31",
--   "service": ""}
-- Per month of completion and service: the cases completed, how many had a time limit and
-- how many of those were on time, from the newest version of each case of the span
-- (chsql/fragments/newestCases.sql; a case completed, then corrected to another month,
-- counts in its newest month).
SELECT toStartOfMonth(ifNull(v_completed, toDate(0))) AS v_month, v_service,
       toUInt64(count()) AS n_completed,
       toUInt64(countIf(v_unit != '')) AS n_with_limit,
       toUInt64(countIf(v_unit != '' AND ifNull(v_on_time, 0) = 1)) AS n_on_time
FROM ({newestCases})
WHERE isNotNull(v_completed) AND ifNull(v_completed, toDate(0)) BETWEEN toDate(@first) AND toDate(@last)
  AND (@service = '' OR v_service = @service)
GROUP BY v_month, v_service
ORDER BY v_month, v_service;
