-- sample args: ["bppd-kalbar", "REG-2026-00012"]
-- The notes of one case and the reasons it was reopened, oldest first.
SELECT at_ns, username, toString(kind), text
FROM {db}.case_notes
WHERE agency = ? AND id = ?
ORDER BY at_ns;
