-- sample row: ["bppd-kalbar", "REG-2026-00012", "2026-10-14 03:00:00", 1791860400000000000,
--   "staf-kalbar", "catatan", "Pelapor dihubungi lewat telepon."]
INSERT INTO {db}.case_notes (agency, id, at, at_ns, username, kind, text);
