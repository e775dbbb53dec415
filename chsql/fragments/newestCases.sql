-- The newest version of each of an agency's cases that can matter for the dates @first to
-- @last (agency-local): a case with a version received by @last and received from @first
-- on, still open, or completed from @first on. Every version of such a case is read, not only
-- those in the span (a correction may move a receipt to a later month), and the newest is
-- taken with ORDER BY version DESC LIMIT 1 BY id: cheaper on 18.16 than argMax over many
-- columns, and right with replayed duplicates of a version. A case closed before @first drops
-- out. Parameters: @agency, @first, @last. Aliases differ from the column names (on 18.16 an
-- alias named like a column replaces it). GLOBAL IN: on a sharded cluster cases is a
-- Distributed table, and a subquery over one inside a query over another must be GLOBAL
-- (schema.Layout.Settings); on one server it is a plain IN.
SELECT id, toString(kind) AS v_kind, service AS v_service, channel AS v_channel, class AS v_class,
       toString(status) AS v_status, received_at AS v_received_at, received_date AS v_received,
       completed_at AS v_completed_at, completed_date AS v_completed, toString(sla_unit) AS v_unit,
       deadline_at AS v_deadline, on_time AS v_on_time, working_minutes AS v_minutes,
       officer AS v_officer, external_ref AS v_ref
FROM {db}.cases
WHERE agency = @agency
  AND id GLOBAL IN
  (
      SELECT id FROM {db}.cases
      WHERE agency = @agency AND received_date <= toDate(@last)
        AND (received_date >= toDate(@first) OR isNull(completed_date) OR ifNull(completed_date, toDate(0)) >= toDate(@first))
  )
ORDER BY id, version DESC
LIMIT 1 BY id
