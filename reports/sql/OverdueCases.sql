-- An agency's cases (optionally one service) open at the month's end with their deadline
-- passed by then, from the newest version of each case, most overdue first. Only cases with
-- a version open at the month's end are read; see CaseSummary.sql for LIMIT 1 BY.
SELECT id, v_service, v_channel, v_class, v_kind, v_status, v_received, v_completed, v_deadline, v_officer, v_ref
FROM
(
    SELECT id, service AS v_service, channel AS v_channel, class AS v_class, toString(kind) AS v_kind,
           toString(status) AS v_status, received_at AS v_received, completed_at AS v_completed,
           deadline_at AS v_deadline, officer AS v_officer, external_ref AS v_ref
    FROM {db}.cases
    WHERE agency = ?
      AND id IN
      (
          SELECT id FROM {db}.cases
          WHERE agency = ? AND received_at < toDateTime(?, 'UTC')
            AND (isNull(completed_at) OR ifNull(completed_at, toDateTime(0)) >= toDateTime(?, 'UTC'))
      )
    ORDER BY id, version DESC
    LIMIT 1 BY id
)
WHERE v_received < toDateTime(?, 'UTC') AND (isNull(v_completed) OR ifNull(v_completed, toDateTime(0)) >= toDateTime(?, 'UTC'))
  AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(?, 'UTC')
  AND (? = '' OR v_service = ?)
ORDER BY v_deadline, id
LIMIT ?;
