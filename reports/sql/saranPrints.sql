-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31"]
-- The fingerprint of each day of an agency's saran (every service: a day's cached grouping
-- holds each service's part), newest day first, read before the cached groupings of those days
-- are reused: the rows eachSaran reads for the agency (same table, same WHERE without a
-- service, no dedup: survey_saran is a plain MergeTree and eachSaran reads every row it holds)
-- counted, and a sum of a hash of every column the grouping uses, the id as its 16 bytes
-- (cheaper to hash than its text). A saran added, deleted, duplicated or rewritten changes
-- its day's.
SELECT local_date, count(), sum(cityHash64(reinterpretAsString(id), submitted_at, service, saran))
FROM {db}.survey_saran
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?)
GROUP BY local_date
ORDER BY local_date DESC;
