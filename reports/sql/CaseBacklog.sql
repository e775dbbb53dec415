-- sample named: {"agency": "bppd-kalbar", "first": "2026-10-01", "last": "2026-10-31",
--   "now": "2026-10-20 03:00:00"}
-- Per officer ('' for cases without one), an agency's cases received in a span that are still
-- open (newest version not Selesai), those of them overdue at @now (a deadline before it), and
-- the whole days since the oldest deadline passed: the backlog view. The same selection as
-- caseRecords.sql with @open or @overdue, so its figures are the register's counts.
SELECT v_officer, count() AS open, countIf(late) AS overdue,
       toUInt32(max(if(late, intDiv(toUInt32(toDateTime(@now, 'UTC')) - toUInt32(assumeNotNull(v_deadline)), 86400), 0))) AS days
FROM
(
    SELECT v_officer, v_deadline, ifNull(v_deadline < toDateTime(@now, 'UTC'), 0) = 1 AS late
    FROM
    (
        SELECT id, toString(status) AS v_status, deadline_at AS v_deadline, officer AS v_officer
        FROM {db}.cases
        WHERE agency = @agency AND received_date BETWEEN toDate(@first) AND toDate(@last)
        ORDER BY id, version DESC
        LIMIT 1 BY id
    )
    WHERE v_status != 'selesai'
)
GROUP BY v_officer
ORDER BY overdue DESC, open DESC, v_officer;
