-- sample args: ["bppd-kalbar", "2026-10-01", "2026-10-31"]
-- An agency's cases received in a span, newest version of each, in order of receipt: the
-- raw case export (the register's columns, reports/sql/caseRecords.sql, without its filters).
SELECT id, toString(kind), service, channel, class, toString(status), received_at, completed_at, sla_amount,
       toString(sla_unit), deadline_at, on_time, working_minutes, officer, external_ref
FROM
(
    SELECT *
    FROM {db}.cases
    WHERE agency = ? AND received_date BETWEEN toDate(?) AND toDate(?)
    ORDER BY id, version DESC
    LIMIT 1 BY id
)
ORDER BY received_at, id;
