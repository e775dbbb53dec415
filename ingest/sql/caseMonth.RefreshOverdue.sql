-- The most overdue cases of one agency at one month's end, 200 per service, as
-- reports/sql/OverdueCases.sql lists them (both read chsql/fragments/overdueAtEnd.sql),
-- stored under the version of the month's figures.
INSERT INTO {db}.case_month_overdue
SELECT @agency AS m_agency, toDate(@month) AS m_month, *, toUInt64(@version) AS m_version
FROM
(
    {overdueAtEnd}
    ORDER BY d_deadline, id
    LIMIT 200 BY v_service
);
