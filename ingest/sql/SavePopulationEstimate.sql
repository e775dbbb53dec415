-- sample row: ["bppd-kalbar", "2026-S2", "", 150, "2026-10-14 03:00:00", "staf", 1]
INSERT INTO {db}.population_estimates (agency, period, service, estimate, recorded_at, recorded_by, version);
