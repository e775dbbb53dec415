-- sample row: ["bppd-kalbar", 2026, 90.5, 92.5, 3, "keputusan kepala nomor 12/2026", "kepala-kalbar",
--   "2026-10-14 03:00:00", 1]
INSERT INTO {db}.dashboard_targets (agency, year, ikm, on_time_percent, overdue_cap, note, set_by, set_at, version);
