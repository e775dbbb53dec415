-- sample args: ["bppd-kalbar"]
-- Every targets setting of an agency, newest first: the screen's history.
SELECT year, ikm, on_time_percent, overdue_cap, note, set_by, set_at
FROM {db}.dashboard_targets
WHERE agency = ?
ORDER BY version DESC
LIMIT 1000;
