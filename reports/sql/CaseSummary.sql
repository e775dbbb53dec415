-- A month of an agency's cases (optionally one service), from the newest version of each
-- case, grouped by service, channel, class and kind: received and completed in the month; of
-- those completed, how many had a time limit and how many of them were on time, and their
-- working minutes; the cases open at the month's end, with their age in days, and how many
-- of them had passed their deadline. Medians and percentiles are taken in Go from the
-- minutes, so that they combine across groups. (Aliases differ from column names: on 18.16
-- an alias named like a column would replace it in WHERE.)
-- Nullable columns go through argMax as one-element tuples: argMax skips NULL arguments,
-- so a newer version's NULL would otherwise lose to an older value.
SELECT
    v_service, v_channel, v_class, v_kind,
    toUInt64(countIf(v_received BETWEEN toDate(?) AND toDate(?))) AS n_received,
    toUInt64(countIf(is_done)) AS n_completed,
    toUInt64(countIf(is_done AND v_unit != '')) AS n_with_limit,
    toUInt64(countIf(is_done AND v_unit != '' AND ifNull(v_on_time, 0) = 1)) AS n_on_time,
    groupArrayIf(toUInt32(ifNull(v_minutes, 0)), is_done AND isNotNull(v_minutes)) AS done_minutes,
    toUInt64(countIf(is_open AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(?, 'UTC'))) AS n_overdue,
    groupArrayIf(toUInt32(toUInt32(toDate(?)) - toUInt32(v_received)), is_open) AS open_ages
FROM
(
    SELECT
        v_service, v_channel, v_class, v_kind, v_received, v_unit, v_on_time, v_minutes, v_deadline,
        isNotNull(v_completed) AND ifNull(v_completed, toDate(0)) BETWEEN toDate(?) AND toDate(?) AS is_done,
        v_received <= toDate(?) AND (isNull(v_completed) OR ifNull(v_completed, toDate(0)) > toDate(?)) AS is_open
    FROM
    (
        SELECT
            argMax(service, version) AS v_service,
            argMax(channel, version) AS v_channel,
            argMax(class, version) AS v_class,
            toString(argMax(kind, version)) AS v_kind,
            argMax(received_date, version) AS v_received,
            argMax(tuple(completed_date), version).1 AS v_completed,
            toString(argMax(sla_unit, version)) AS v_unit,
            argMax(tuple(on_time), version).1 AS v_on_time,
            argMax(tuple(working_minutes), version).1 AS v_minutes,
            argMax(tuple(deadline_at), version).1 AS v_deadline
        FROM {db}.cases
        WHERE agency = ? AND received_date <= toDate(?)
        GROUP BY id
    )
    WHERE (? = '' OR v_service = ?)
)
GROUP BY v_service, v_channel, v_class, v_kind
HAVING n_received + n_completed + length(open_ages) > 0;
