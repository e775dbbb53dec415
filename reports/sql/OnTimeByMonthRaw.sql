-- Per month of completion and service: the cases completed, how many had a time limit and
-- how many of those were on time, from the newest version of each case completed in the
-- span (a case completed, then corrected to another month, counts in its newest month).
SELECT v_month, v_service,
       toUInt64(count()) AS n_completed,
       toUInt64(countIf(v_unit != '')) AS n_with_limit,
       toUInt64(countIf(v_unit != '' AND v_on_time = 1)) AS n_on_time
FROM
(
    SELECT toStartOfMonth(ifNull(completed_date, toDate(0))) AS v_month, service AS v_service,
           isNotNull(completed_date) AS v_done, ifNull(completed_date, toDate(0)) AS v_completed,
           toString(sla_unit) AS v_unit, ifNull(on_time, 0) AS v_on_time
    FROM {db}.cases
    WHERE agency = ?
      AND id IN
      (
          SELECT id FROM {db}.cases
          WHERE agency = ? AND received_date <= toDate(?) AND isNotNull(completed_date)
            AND ifNull(completed_date, toDate(0)) BETWEEN toDate(?) AND toDate(?)
      )
    ORDER BY id, version DESC
    LIMIT 1 BY id
)
WHERE v_done AND v_completed BETWEEN toDate(?) AND toDate(?) AND (? = '' OR v_service = ?)
GROUP BY v_month, v_service
ORDER BY v_month, v_service;
