INSERT INTO {db}.audit_log (at, agency, username, role, action, target, detail, request_id);
