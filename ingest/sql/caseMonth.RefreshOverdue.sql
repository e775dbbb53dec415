-- The most overdue cases of one agency at one month's end, 200 per service, as
-- reports/sql/OverdueCases.sql lists them (both read chsql/fragments/overdueAtEnd.sql),
-- stored under the version of the month's figures.
INSERT INTO {db}.case_month_overdue
SELECT @agency AS m_agency, toDate(@first) AS m_month, *, toUInt64(@version) AS m_version
FROM
(
    SELECT id, v_service, v_channel, v_class, v_kind, v_status, v_received_at, ifNull(v_deadline, toDateTime(0)) AS d_deadline, v_officer, v_ref
    FROM ({overdueAtEnd})
    ORDER BY v_deadline, id
    LIMIT 200 BY v_service
);
