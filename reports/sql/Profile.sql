-- Respondent profile of a scope from the daily profile rollup: counts per gender, age band,
-- education and occupation ('' = not given).
SELECT dimension, value, toUInt64(sum(respondents)) AS n
FROM {db}.survey_profile_daily
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
GROUP BY dimension, value
HAVING n > 0
ORDER BY dimension, n DESC, value;
