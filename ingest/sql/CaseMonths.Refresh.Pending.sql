-- sample args: [0]
-- The agencies with case writes after seq, and the first month those writes touched.
SELECT agency, min(first_month), max(seq)
FROM {db}.case_month_dirty
WHERE seq > ?
GROUP BY agency;
