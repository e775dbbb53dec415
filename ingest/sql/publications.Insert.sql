INSERT INTO {db}.publications (agency, period, id, medium, location, published_on, recorded_at, recorded_by, version, deleted);
