-- sample named: {"agency": "bppd-kalbar", "first": "2026-10", "last": "2026-10", "cut": 1793491200000000000,
--   "open_only": 0}
-- Every version of the meeting decisions of an agency whose meetings fall in the months
-- first..last, oldest first per decision; with open_only, only the versions before the cut
-- of the decisions not closed before it.
-- GLOBAL: on a sharded cluster the subquery's table is Distributed too (schema.Layout.Settings).
SELECT id, month, what, responsible, officer, due, toString(status), note, rtl_id, case_id, service, changed_by, version
FROM {db}.meeting_decisions
WHERE agency = @agency AND month >= @first AND month <= @last
  AND (@open_only = 0 OR (version < @cut AND id GLOBAL NOT IN (
        SELECT id FROM {db}.meeting_decisions
        WHERE agency = @agency AND status != 'terbuka' AND version < @cut)))
ORDER BY id, version;
