-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- The tally of each month of a period (the indicative "IKM berjalan"), from the daily rollup.
SELECT toStartOfMonth(local_date) AS month, sum(respondents), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9)
FROM {db}.survey_daily
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
GROUP BY month
ORDER BY month;
