INSERT INTO {db}.holiday_changes (agency, date, off, kind, name, changed_at, changed_by, version);
