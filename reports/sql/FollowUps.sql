-- sample args: ["bppd-kalbar", "2026-S1"]
-- The current follow-up plan of an agency's survey period: the newest version of each item,
-- without deleted ones.
SELECT id, argMax(element, version), argMax(action, version), argMax(target_quarter, version),
       argMax(person_in_charge, version), toString(argMax(status, version)), argMax(progress, version),
       argMax(note, version), max(updated_at), argMax(updated_by, version)
FROM {db}.followups
WHERE agency = ? AND period = ?
GROUP BY id
HAVING argMax(deleted, version) = 0
ORDER BY argMax(element, version), id;
