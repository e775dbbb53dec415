-- The most overdue cases of one agency at one month's end, 200 per service, as
-- reports/sql/OverdueCases.sql lists them (keep the two alike), stored under the version of
-- the month's figures.
INSERT INTO {db}.case_month_overdue
SELECT ? AS m_agency, toDate(?) AS m_month, *, toUInt64(?) AS m_version
FROM
(
    SELECT id, v_service, v_channel, v_class, v_kind, v_status, v_received, ifNull(v_deadline, toDateTime(0)) AS d_deadline, v_officer, v_ref
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
    ORDER BY v_deadline, id
    LIMIT 200 BY v_service
);
