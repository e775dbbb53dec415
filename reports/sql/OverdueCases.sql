-- An agency's cases (optionally one service) open at the month's end with their deadline
-- passed by then, from the newest version of each case, most overdue first. Only cases with
-- a version open at the month's end are collapsed (see CaseSummary.sql for the tuple).
SELECT id, tupleElement(v, 1) AS v_service, tupleElement(v, 2) AS v_channel, tupleElement(v, 3) AS v_class,
       tupleElement(v, 4) AS v_kind, tupleElement(v, 5) AS v_status, tupleElement(v, 6) AS v_received,
       tupleElement(v, 7) AS v_completed, tupleElement(v, 8) AS v_deadline, tupleElement(v, 9) AS v_officer,
       tupleElement(v, 10) AS v_ref
FROM
(
    SELECT id, argMax(tuple(service, channel, class, toString(kind), toString(status), received_at, completed_at, deadline_at,
                            officer, external_ref), version) AS v
    FROM {db}.cases
    WHERE agency = ? AND received_at < toDateTime(?, 'UTC')
      AND id IN
      (
          SELECT id FROM {db}.cases
          WHERE agency = ? AND received_at < toDateTime(?, 'UTC')
            AND (isNull(completed_at) OR ifNull(completed_at, toDateTime(0)) >= toDateTime(?, 'UTC'))
      )
    GROUP BY id
)
WHERE (isNull(v_completed) OR ifNull(v_completed, toDateTime(0)) >= toDateTime(?, 'UTC'))
  AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(?, 'UTC')
  AND (? = '' OR v_service = ?)
ORDER BY v_deadline, id
LIMIT ?;
