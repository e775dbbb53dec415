INSERT INTO {db}.population_estimates (agency, period, service, estimate, recorded_at, recorded_by, version);
