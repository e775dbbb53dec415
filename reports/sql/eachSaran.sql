-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Every suggestion of a scope (or of some of its days), newest first (from survey_saran),
-- for grouping into themes: a scope holds at most tens of thousands, and the keyword rules
-- live in Go (standard).
SELECT local_date, submitted_at, service, saran
FROM {db}.survey_saran
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
ORDER BY submitted_at DESC, id;
