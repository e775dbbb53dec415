-- sample args: ["bppd-kalbar", "2026-01-01", "2026-12-31"]
INSERT INTO {db}.survey_saran
SELECT agency, service, local_date, submitted_at, id, saran
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND saran != '';
