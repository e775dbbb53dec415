INSERT INTO {db}.api_tokens (id, agency, name, hash, created_at, revoked, version);
