INSERT INTO {db}.audit_log (at, at_ns, agency, username, role, action, target, detail, request_id);
