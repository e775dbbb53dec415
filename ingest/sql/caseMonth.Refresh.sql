-- One month of one agency's cases as reports/sql/CaseSummaryRaw.sql counts them (without its
-- service filter; keep the two alike — a test compares the figures), stored in case_month
-- under one version together with the month's marker row (kind '').
INSERT INTO {db}.case_month
SELECT ? AS m_agency, toDate(?) AS m_month, v_service, v_channel, v_class, v_kind, n_received, n_completed, n_with_limit,
       n_on_time, done_minutes, done_counts, n_overdue, open_ages, open_counts, toUInt64(?) AS m_version
FROM
(
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
            WHERE agency = ? AND received_date <= toDate(?)
              AND id IN
              (
                  SELECT id FROM {db}.cases
                  WHERE agency = ? AND received_date <= toDate(?)
                    AND (received_date >= toDate(?) OR isNull(completed_date) OR ifNull(completed_date, toDate(0)) >= toDate(?))
              )
            ORDER BY id, version DESC
            LIMIT 1 BY id
        )
    )
    GROUP BY v_service, v_channel, v_class, v_kind
    HAVING n_received + n_completed + length(open_ages) > 0
)
UNION ALL
SELECT ?, toDate(?), '', '', '', '', toUInt64(0), toUInt64(0), toUInt64(0), toUInt64(0), CAST([] AS Array(UInt32)),
       CAST([] AS Array(UInt64)), toUInt64(0), CAST([] AS Array(UInt32)), CAST([] AS Array(UInt64)), toUInt64(?);
