-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- The tally of every service of an agency in a period, from the daily rollup.
SELECT service, sum(respondents), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9)
FROM {db}.survey_daily
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
GROUP BY service
ORDER BY service;
