-- sample args: ["bppd-kalbar", "2026-10"]
-- The newest record of the evaluation meeting of an agency's month.
SELECT held_on, attendees, note, changed_by, version
FROM {db}.meetings
WHERE agency = ? AND month = ?
ORDER BY version DESC
LIMIT 1;
