-- sample row: ["bppd-kalbar", "6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10", "2026-10",
--   "Tambah petugas loket", "Kasubbag Umum", "", "2026-11-30", "terbuka", "", "", "",
--   "pengaduan", "staf-kalbar", 1793700000000000000]
INSERT INTO {db}.meeting_decisions (agency, id, month, what, responsible, officer, due, status, note, rtl_id, case_id, service, changed_by, version);
