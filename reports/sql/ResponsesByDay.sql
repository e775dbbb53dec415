-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Respondents per day of a scope, from the daily rollup (days without any are left out).
SELECT local_date, toUInt64(sum(respondents))
FROM {db}.survey_daily
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
GROUP BY local_date
ORDER BY local_date;
