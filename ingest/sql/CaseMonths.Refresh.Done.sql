-- sample args: []
-- Where the last computation left off: the newest computation's version (its seq watermark).
SELECT max(version) FROM {db}.case_month;
