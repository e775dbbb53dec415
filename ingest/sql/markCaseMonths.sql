-- sample row: ["bppd-kalbar", "2026-10-01", 1]
INSERT INTO {db}.case_month_dirty (agency, first_month, seq);
