INSERT INTO {db}.case_month_dirty (agency, first_month, seq);
