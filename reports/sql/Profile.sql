-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Respondent profile of a scope from the monthly profile rollup (a scope is whole months): counts per gender, age band,
-- education and occupation ('' = not given).
SELECT dimension, value, toUInt64(sum(respondents)) AS n
FROM {db}.survey_profile_monthly
WHERE agency = ? AND month BETWEEN toStartOfMonth(toDate(?)) AND toDate(?) AND (? = '' OR service = ?)
GROUP BY dimension, value
HAVING n > 0
ORDER BY dimension, n DESC, value;
