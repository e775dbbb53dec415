-- sample row: ["", "2026-10-14", 1, "libur_daerah", "Hari jadi", "2026-10-14 03:00:00", "admin", 1]
INSERT INTO {db}.holiday_changes (agency, date, off, kind, name, changed_at, changed_by, version);
