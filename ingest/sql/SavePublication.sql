-- sample row: ["bppd-kalbar", "2026-S1", "6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10", "situs web",
--   "https://x.go.id", "2026-10-14", "2026-10-14 03:00:00", "staf", 1, 0]
INSERT INTO {db}.publications (agency, period, id, medium, location, published_on, recorded_at, recorded_by, version, deleted);
