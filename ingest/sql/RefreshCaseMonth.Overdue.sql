-- sample named: {"age_bounds": [7, 14, 30, 60, 4294967295], "agency": "bppd-kalbar",
--   "duration_bounds": [60, 240, 480, 1440, 2400, 4294967295], "end": "2026-10-31 17:00:00",
--   "first": "2026-10-01", "last": "2026-10-31", "levels": [0.5, 0.9], "limit": 100,
--   "month": "2026-10-01", "service": "", "version": 1}
-- The most overdue cases of one agency at one month's end, 200 per service, as
-- reports/sql/OverdueCasesRaw.sql lists them (both read chsql/fragments/overdueAtEnd.sql),
-- and the most overdue case of each officer (for the days since an officer's oldest deadline,
-- reports/sql/BacklogAtMonthEnd.sql; one of the 200 of its service or less overdue than
-- them, so the most overdue list up to 200 stays the same), stored under the version of the
-- month's figures.
INSERT INTO {db}.case_month_overdue
SELECT @agency AS m_agency, toDate(@month) AS m_month, *, toUInt64(@version) AS m_version
FROM
(
    SELECT DISTINCT *
    FROM
    (
        SELECT * FROM ({overdueAtEnd} ORDER BY d_deadline, id LIMIT 200 BY v_service)
        UNION ALL
        SELECT * FROM ({overdueAtEnd} ORDER BY d_deadline, id LIMIT 1 BY v_officer)
    )
);
