-- sample row: ["bppd-kalbar", "2026-S1", "6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10",
--   "kuesioner kertas terlambat", "kepala-kalbar", "2026-10-14 03:00:00", "2026-10-14 03:00:00", 1]
INSERT INTO {db}.period_reopenings (agency, period, id, reason, reopened_by, reopened_at, until, version);
