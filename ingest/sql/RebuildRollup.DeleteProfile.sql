-- sample args: ["bppd-kalbar", "2026-01-01", "2026-12-31"]
ALTER TABLE {db}.survey_profile_monthly DELETE WHERE agency = ? AND month BETWEEN toStartOfMonth(toDate(?)) AND toDate(?);
