-- sample args: ["bppd-kalbar"]
-- The latest reopening of each survey period of an agency — the row saved last (by its
-- nanosecond version; closing early is a newer reopening ending now): until when it is open
-- again, who reopened it and why.
SELECT period, argMax(until, version), argMax(reopened_by, version), argMax(reason, version)
FROM {db}.period_reopenings
WHERE agency = ?
GROUP BY period;
