-- sample args: ["", ""]
-- The newest version of every open case with a time limit, of one agency or of all (''):
-- the cases whose deadlines a holiday change recomputes.
-- Nullable columns go through argMax as one-element tuples: argMax skips NULL arguments,
-- so a newer version's NULL would otherwise lose to an older value.
SELECT agency, id, v_kind, v_service, v_channel, v_class, v_status, v_received, v_completed, v_amount, v_unit,
       v_deadline, v_on_time, v_minutes, v_officer, v_ref, v_updated, v_version
FROM
(
    SELECT agency, id,
           toString(argMax(kind, version)) AS v_kind, argMax(service, version) AS v_service,
           argMax(channel, version) AS v_channel, argMax(class, version) AS v_class,
           toString(argMax(status, version)) AS v_status, argMax(received_at, version) AS v_received,
           argMax(tuple(completed_at), version).1 AS v_completed, argMax(sla_amount, version) AS v_amount,
           toString(argMax(sla_unit, version)) AS v_unit, argMax(tuple(deadline_at), version).1 AS v_deadline,
           argMax(tuple(on_time), version).1 AS v_on_time, argMax(tuple(working_minutes), version).1 AS v_minutes,
           argMax(officer, version) AS v_officer, argMax(external_ref, version) AS v_ref,
           argMax(updated_at, version) AS v_updated, max(version) AS v_version
    FROM {db}.cases
    WHERE ? = '' OR agency = ?
    GROUP BY agency, id
)
WHERE v_status != 'selesai' AND v_unit != '';
