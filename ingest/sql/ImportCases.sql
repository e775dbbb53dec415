-- sample args: ["00112233aabbccdd"]
-- Copies a checked import into cases.
INSERT INTO {db}.cases (agency, id, kind, service, channel, class, status, received_at, received_date, completed_at,
    completed_date, sla_amount, sla_unit, deadline_at, on_time, working_minutes, officer, external_ref, updated_at, version,
    recorded_by)
SELECT agency, id, kind, service, channel, class, status, received_at, received_date, completed_at, completed_date,
       sla_amount, sla_unit, deadline_at, on_time, working_minutes, officer, external_ref, updated_at, version, recorded_by
FROM {db}.cases_import
WHERE import_id = ?;
