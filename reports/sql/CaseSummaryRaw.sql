-- A month of an agency's cases (optionally one service), from the newest version of each
-- case, grouped by service, channel, class and kind: received and completed in the month; of
-- those completed, how many had a time limit and how many of them were on time, and their
-- working minutes; the cases open at the month's end, with their age in days, and how many
-- of them had passed their deadline. Minutes and ages come as sorted distinct values with their
-- counts (sumMap); medians and percentiles are taken in Go from them, so that they combine
-- across groups.
--
-- Only cases with a version that can matter for the month are read (received by its end,
-- and received in it, still open, or completed from its start on); their newest version is
-- then taken over all their versions (ORDER BY version DESC LIMIT 1 BY id: cheaper on 18.16
-- than argMax over many columns, and right with replayed duplicates of a version), so a case
-- closed before the month drops out. Every version of a relevant case is read, not only those
-- received by the month's end: a correction may move a receipt to a later month.
SELECT
    v_service, v_channel, v_class, v_kind,
    toUInt64(countIf(v_received BETWEEN toDate(?) AND toDate(?))) AS n_received,
    toUInt64(countIf(is_done)) AS n_completed,
    toUInt64(countIf(is_done AND v_unit != '')) AS n_with_limit,
    toUInt64(countIf(is_done AND v_unit != '' AND ifNull(v_on_time, 0) = 1)) AS n_on_time,
    (sumMapIf([toUInt32(ifNull(v_minutes, 0))], [toUInt64(1)], is_done AND isNotNull(v_minutes)) AS done_map).1 AS done_minutes,
    done_map.2 AS done_counts,
    toUInt64(countIf(is_open AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(?, 'UTC'))) AS n_overdue,
    (sumMapIf([toUInt32(toUInt32(toDate(?)) - toUInt32(v_received))], [toUInt64(1)], is_open) AS open_map).1 AS open_ages,
    open_map.2 AS open_counts
FROM
(
    SELECT
        v_service, v_channel, v_class, v_kind, v_received, v_completed, v_unit, v_on_time, v_minutes, v_deadline,
        isNotNull(v_completed) AND ifNull(v_completed, toDate(0)) BETWEEN toDate(?) AND toDate(?) AS is_done,
        v_received <= toDate(?) AND (isNull(v_completed) OR ifNull(v_completed, toDate(0)) > toDate(?)) AS is_open
    FROM
    (
        SELECT service AS v_service, channel AS v_channel, class AS v_class, toString(kind) AS v_kind,
               received_date AS v_received, completed_date AS v_completed, toString(sla_unit) AS v_unit,
               on_time AS v_on_time, working_minutes AS v_minutes, deadline_at AS v_deadline
        FROM {db}.cases
        WHERE agency = ?
          AND id IN
          (
              SELECT id FROM {db}.cases
              WHERE agency = ? AND received_date <= toDate(?)
                AND (received_date >= toDate(?) OR isNull(completed_date) OR ifNull(completed_date, toDate(0)) >= toDate(?))
          )
        ORDER BY id, version DESC
        LIMIT 1 BY id
    )
    WHERE (? = '' OR v_service = ?)
)
GROUP BY v_service, v_channel, v_class, v_kind
HAVING n_received + n_completed + length(open_ages) > 0;
