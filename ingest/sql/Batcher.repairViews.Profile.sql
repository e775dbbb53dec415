-- sample args: ["bppd-kalbar", "2026-10-01", "2026-10-31", "bppd-kalbar", "2026-10-01",
--   "2026-10-31"]
-- The respondent profile's part of rollup.RepairDaily: adds to the monthly profile of one
-- agency's months what their raw responses hold beyond it.
INSERT INTO {db}.survey_profile_monthly (agency, service, month, dimension, value, respondents)
SELECT agency, service, month, dimension, value, toUInt64(-d) AS respondents
FROM
(
    SELECT agency, service, month, dimension, value, sum(r) AS d
    FROM
    (
        SELECT agency, service, month, dimension, value, toInt64(respondents) AS r
        FROM {db}.survey_profile_monthly
        WHERE agency = ? AND month BETWEEN toStartOfMonth(toDate(?)) AND toStartOfMonth(toDate(?))
        UNION ALL
        SELECT agency, service, toStartOfMonth(local_date) AS month, dimension, value, -toInt64(count()) AS r
        FROM {db}.survey_responses
        ARRAY JOIN ['jenis_kelamin', 'umur', 'pendidikan', 'pekerjaan'] AS dimension,
            [toString(jenis_kelamin),
             multiIf(umur = 0, '', umur < 20, '< 20', umur < 30, '20–29', umur < 40, '30–39', umur < 50, '40–49', umur < 60, '50–59', '≥ 60'),
             pendidikan, pekerjaan] AS value
        WHERE agency = ? AND local_date BETWEEN toStartOfMonth(toDate(?)) AND addDays(addMonths(toStartOfMonth(toDate(?)), 1), -1)
        GROUP BY agency, service, month, dimension, value
    )
    GROUP BY agency, service, month, dimension, value
)
WHERE d < 0;
