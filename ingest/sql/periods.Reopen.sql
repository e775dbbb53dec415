INSERT INTO {db}.period_reopenings (agency, period, id, reason, reopened_by, reopened_at, until, version);
