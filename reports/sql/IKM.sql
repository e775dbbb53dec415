-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Answers of a scope from the daily rollup: respondents, then per element the sum of values
-- (U1..U9) and the number of answers given (U1..U9). An empty service means all services.
SELECT sum(respondents), sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), sum(n7), sum(n8), sum(n9)
FROM {db}.survey_daily
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?);
