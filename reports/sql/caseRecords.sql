-- sample named: {"agency": "bppd-kalbar", "first": "2026-10-01", "id": "", "last": "2026-10-31",
--   "limit": 200, "status": "diproses", "text": "REG", "open": 0, "by_officer": 1,
--   "officer": "Yohanes", "overdue": 0, "now": "2026-10-20 03:00:00", "service": "",
--   "kind": "", "by_done": 0, "done_first": "2026-10-01", "done_last": "2026-10-31",
--   "on_time": -1, "by_end": 0, "end": "2026-10-31 17:00:00"}
-- An agency's cases received in a span (newest version of each), optionally of one status
-- (or still open: @open), of one officer (@by_officer; '' is no officer), overdue at @now
-- (open with a deadline before it), and containing a text in the id, the external reference
-- or the officer's name, newest receipt first: the case register. The dashboard's drill-down
-- narrows further: one service and kind ('' any), completed from @done_first to @done_last
-- (@by_done), on time or late among those with a time limit (@on_time 1 or 0; -1 any), and
-- overdue at the instant @end (@by_end: received before it, not completed by it, its deadline
-- passed by it — chsql/fragments/overdueAtEnd.sql, the month's overdue tile).
SELECT id, v_kind, v_service, v_channel, v_class, v_status, v_received, v_completed, v_amount, v_unit, v_deadline,
       v_on_time, v_minutes, v_officer, v_ref
FROM
(
    SELECT id, toString(kind) AS v_kind, service AS v_service, channel AS v_channel, class AS v_class,
           toString(status) AS v_status, received_at AS v_received, completed_at AS v_completed,
           completed_date AS v_done, sla_amount AS v_amount, toString(sla_unit) AS v_unit, deadline_at AS v_deadline,
           on_time AS v_on_time, working_minutes AS v_minutes, officer AS v_officer, external_ref AS v_ref
    FROM {db}.cases
    WHERE agency = @agency AND received_date BETWEEN toDate(@first) AND toDate(@last) AND (@id = '' OR id = @id)
    ORDER BY id, version DESC
    LIMIT 1 BY id
)
WHERE (@status = '' OR v_status = @status)
  AND (@open = 0 OR v_status != 'selesai')
  AND (@by_officer = 0 OR v_officer = @officer)
  AND (@overdue = 0 OR (v_status != 'selesai' AND ifNull(v_deadline < toDateTime(@now, 'UTC'), 0) = 1))
  AND (@text = '' OR positionCaseInsensitiveUTF8(concat(id, ' ', v_ref, ' ', v_officer), @text) > 0)
  AND (@service = '' OR v_service = @service)
  AND (@kind = '' OR v_kind = @kind)
  AND (@by_done = 0 OR ifNull(v_done BETWEEN toDate(@done_first) AND toDate(@done_last), 0) = 1)
  AND (@on_time = -1 OR (v_unit != '' AND ifNull(v_on_time, 0) = @on_time))
  AND (@by_end = 0 OR (v_received < toDateTime(@end, 'UTC')
       AND (isNull(v_completed) OR ifNull(v_completed, toDateTime(0)) >= toDateTime(@end, 'UTC'))
       AND ifNull(v_deadline < toDateTime(@end, 'UTC'), 0) = 1))
ORDER BY v_received DESC, id
LIMIT @limit;
