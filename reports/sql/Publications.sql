-- sample args: ["bppd-kalbar", "2026-S1"]
-- Where and when an agency published the results of a survey period (newest version of
-- each record, without deleted ones), latest publication first.
SELECT id, argMax(medium, version), argMax(location, version), argMax(published_on, version),
       max(recorded_at), argMax(recorded_by, version)
FROM {db}.publications
WHERE agency = ? AND period = ?
GROUP BY id
HAVING argMax(deleted, version) = 0
ORDER BY argMax(published_on, version) DESC, id;
