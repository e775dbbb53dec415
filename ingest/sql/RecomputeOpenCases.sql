-- sample args: ["", ""]
-- The newest version of every open case with a time limit, of one agency or of all (''):
-- the cases whose deadlines a holiday change recomputes (columns:
-- chsql/fragments/caseVersionColumns.sql).
SELECT agency, id, v_kind, v_service, v_channel, v_class, v_status, v_received, v_completed, v_amount, v_unit,
       v_deadline, v_on_time, v_minutes, v_officer, v_ref, v_updated, v_version
FROM
(
    SELECT agency, id, {caseVersionColumns}
    FROM {db}.cases
    WHERE ? = '' OR agency = ?
    GROUP BY agency, id
)
WHERE v_status != 'selesai' AND v_unit != '';
