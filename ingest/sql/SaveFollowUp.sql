-- sample row: ["bppd-kalbar", "2026-S1", "6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10", "U3",
--   "Papan standar waktu", "2026-Q4", "Kasubbag", "berjalan", 30, "", "2026-10-14 03:00:00",
--   "staf", 1, 0]
INSERT INTO {db}.followups (agency, period, id, element, action, target_quarter, person_in_charge, status, progress, note, updated_at, updated_by, version, deleted);
