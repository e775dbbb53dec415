-- An agency's cases (optionally one service) open at the month's end with their deadline
-- passed by then, from the newest version of each case, most overdue first.
-- Nullable columns go through argMax as one-element tuples: argMax skips NULL arguments,
-- so a newer version's NULL would otherwise lose to an older value.
SELECT id, v_service, v_channel, v_class, v_kind, v_status, v_received, v_deadline, v_officer, v_ref
FROM
(
    SELECT
        id,
        argMax(service, version) AS v_service,
        argMax(channel, version) AS v_channel,
        argMax(class, version) AS v_class,
        toString(argMax(kind, version)) AS v_kind,
        toString(argMax(status, version)) AS v_status,
        argMax(received_at, version) AS v_received,
        argMax(tuple(completed_at), version).1 AS v_completed,
        argMax(tuple(deadline_at), version).1 AS v_deadline,
        argMax(officer, version) AS v_officer,
        argMax(external_ref, version) AS v_ref
    FROM {db}.cases
    WHERE agency = ? AND received_at < toDateTime(?, 'UTC')
    GROUP BY id
)
WHERE (isNull(v_completed) OR ifNull(v_completed, toDateTime(0)) >= toDateTime(?, 'UTC'))
  AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(?, 'UTC')
  AND (? = '' OR v_service = ?)
ORDER BY v_deadline, id
LIMIT ?;
