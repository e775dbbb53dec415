-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31"]
-- The fingerprint of each day of an agency's saran (every service: a day's cached grouping
-- holds each service's part), newest day first, read before the cached groupings of those days
-- are reused: from survey_saran_days, a row per day, which counts the rows eachSaran reads for
-- the agency (survey_saran, same WHERE without a service) and sums a hash of every column the
-- grouping uses. A saran added, deleted, duplicated or rewritten changes its day's.
SELECT local_date, sum(saran_count) AS n, sum(print) AS p
FROM {db}.survey_saran_days
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?)
GROUP BY local_date
HAVING n > 0
ORDER BY local_date DESC;
