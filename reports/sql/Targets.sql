-- sample args: ["bppd-kalbar", 2026]
-- The newest targets set for an agency's year (0 rows: none; the agency file's apply). The
-- newest row as a whole, not argMax per column: argMax skips a NULL cap (no cap set).
SELECT ikm, on_time_percent, overdue_cap
FROM {db}.dashboard_targets
WHERE agency = ? AND year = ?
ORDER BY version DESC
LIMIT 1;
