-- sample args: ["bppd-kalbar", "2026-S2", ""]
-- The newest staff estimate of a scope's service users in a period (0 rows: none).
SELECT argMax(estimate, version)
FROM {db}.population_estimates
WHERE agency = ? AND period = ? AND service = ?
GROUP BY agency, period, service;
