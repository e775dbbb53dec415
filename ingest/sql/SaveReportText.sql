-- sample row: ["bppd-kalbar", "2026-S1", "analisis", "Unsur waktu pelayanan menjadi prioritas.",
--   "staf-kalbar", 1793700000000000000]
INSERT INTO {db}.report_texts (agency, period, chapter, text, changed_by, version);
