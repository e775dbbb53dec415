-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- The fingerprint of a scope's saran, read before a cached grouping is reused: the rows
-- eachSaran reads (same table, same WHERE, no dedup: survey_saran is a plain MergeTree and
-- eachSaran counts every row it holds) counted, and a sum of a hash of every column the
-- grouping uses. A saran added, deleted, duplicated or rewritten changes it.
SELECT count(), sum(cityHash64(toString(id), submitted_at, service, saran))
FROM {db}.survey_saran
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?);
