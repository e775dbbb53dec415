-- sample args: ["bppd-kalbar", "2026-01-01", "2026-12-31"]
ALTER TABLE {db}.survey_daily DELETE WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?);
