-- An agency's cases (optionally one service) open at the month's end with their deadline
-- passed by then, from the newest version of each case (chsql/fragments/overdueAtEnd.sql),
-- most overdue first; the columns of OverdueCasesComputed.sql.
SELECT id, v_service, v_channel, v_class, v_kind, v_status, v_received_at, ifNull(v_deadline, toDateTime(0)) AS d_deadline, v_officer, v_ref
FROM ({overdueAtEnd})
WHERE @service = '' OR v_service = @service
ORDER BY v_deadline, id
LIMIT @limit;
