-- sample row: ["bppd-kalbar", "konsultasi", "6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10",
--   "2026-10-14 03:00:00", "2026-10-14", "web", 4, 3, 3, 4, 3, 4, 4, 2, 3, 34, "P", "SMA", "PNS",
--   "Baik", ["info"], ["Teman"], "2026-10-14 03:00:00"]
INSERT INTO {db}.survey_responses (agency, service, id, submitted_at, local_date, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, umur, jenis_kelamin, pendidikan, pekerjaan, saran, extra_keys, extra_values, ingested_at);
