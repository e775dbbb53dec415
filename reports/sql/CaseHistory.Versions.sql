-- sample args: ["bppd-kalbar", "REG-2026-00012"]
-- Every version of one case, oldest first, each once (a replayed batch may have copied a
-- version twice): the case's history. recorded_by is who submitted the version.
SELECT toString(kind), service, channel, class, toString(status), received_at, completed_at, sla_amount,
       toString(sla_unit), deadline_at, on_time, working_minutes, officer, external_ref, updated_at, version, recorded_by
FROM {db}.case_versions
WHERE agency = ? AND id = ?
ORDER BY version
LIMIT 1 BY version;
