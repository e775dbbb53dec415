-- sample row: ["bppd-kalbar", "REG-2026-0012", "pengaduan", "pengaduan", "sp4n-lapor", "normatif",
--   "diterima", "2026-10-14 03:00:00", "2026-10-14", null, null, 5, "hari_kerja",
--   "2026-10-14 03:00:00", null, null, "Yohanes", "LAPOR-1", "2026-10-14 03:00:00", 1,
--   "staf-kalbar"]
INSERT INTO {db}.cases (agency, id, kind, service, channel, class, status, received_at, received_date, completed_at, completed_date, sla_amount, sla_unit, deadline_at, on_time, working_minutes, officer, external_ref, updated_at, version, recorded_by);
