-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- How many saran each day of a scope holds, newest day first (from survey_saran_days, a row a
-- day and service): the newest days that hold a page of them are where Sarans reads it.
SELECT local_date, sum(saran_count) AS held
FROM {db}.survey_saran_days
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
GROUP BY local_date
HAVING held > 0
ORDER BY local_date DESC;
