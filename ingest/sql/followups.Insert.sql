INSERT INTO {db}.followups (agency, period, id, element, action, target_quarter, person_in_charge, status, progress, note, updated_at, updated_by, version, deleted);
