-- sample row: ["bppd-kalbar", "2026-10", "2026-11-03", ["Kepala BPPD", "Sekretaris"],
--   "Rapat evaluasi Oktober", "staf-kalbar", 1793700000000000000]
INSERT INTO {db}.meetings (agency, month, held_on, attendees, note, changed_by, version);
