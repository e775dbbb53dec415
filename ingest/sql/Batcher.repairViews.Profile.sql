-- sample args: ["bppd-kalbar", "2026-10-01", "2026-10-31", "bppd-kalbar", "2026-10-01",
--   "2026-10-31"]
-- The respondent profile's part of Batcher.repairViews.Daily.sql: adds to the monthly profile of one
-- agency's months what their raw responses hold beyond it (chsql/fragments/profileOfMonths.sql).
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
        SELECT agency, service, month, dimension, value, -toInt64(respondents) AS r
        FROM ({profileOfMonths})
    )
    GROUP BY agency, service, month, dimension, value
)
WHERE d < 0;
