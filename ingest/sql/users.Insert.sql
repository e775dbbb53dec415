INSERT INTO {db}.users (username, agency, role, display_name, password_hash, disabled, changed_at, changed_by, version);
