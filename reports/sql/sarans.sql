-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", "", 20, 0]
-- The suggestions of a scope, newest first, a page at a time (from survey_saran).
SELECT submitted_at, service, saran
FROM {db}.survey_saran
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
ORDER BY submitted_at DESC, id
LIMIT ? OFFSET ?;
