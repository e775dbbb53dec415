-- An agency's cases (optionally one service) open at the month's end with their deadline
-- passed by then, from the newest version of each case (chsql/fragments/overdueAtEnd.sql),
-- most overdue first; the columns of OverdueCasesComputed.sql.
{overdueAtEnd}
ORDER BY d_deadline, id
LIMIT @limit;
