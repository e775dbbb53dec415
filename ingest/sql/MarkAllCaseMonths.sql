-- sample args: [1]
-- Marks every month of every agency's cases for computing again (the daily full pass).
INSERT INTO {db}.case_month_dirty
SELECT agency, toStartOfMonth(min(received_date)), toUInt64(?)
FROM {db}.cases
GROUP BY agency;
