-- The respondent profile of one agency's months counted from the raw responses: respondents
-- by service, month, dimension and value, the rows of survey_profile_monthly. The same
-- expression as the materialized view of migration 0011 (applied history, not edited).
-- Positional parameters: the agency, a day of the first month, a day of the last month.
SELECT agency, service, toStartOfMonth(local_date) AS month, dimension, value, count() AS respondents
FROM {db}.survey_responses
ARRAY JOIN ['jenis_kelamin', 'umur', 'pendidikan', 'pekerjaan'] AS dimension,
    [toString(jenis_kelamin),
     multiIf(umur = 0, '', umur < 20, '< 20', umur < 30, '20–29', umur < 40, '30–39', umur < 50, '40–49', umur < 60, '50–59', '≥ 60'),
     pendidikan, pekerjaan] AS value
WHERE agency = ? AND local_date BETWEEN toStartOfMonth(toDate(?)) AND addDays(addMonths(toStartOfMonth(toDate(?)), 1), -1)
GROUP BY agency, service, month, dimension, value
