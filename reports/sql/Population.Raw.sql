-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Service users of a scope in a period: the cases received (for the SKM sample size).
SELECT toUInt64(uniqExact(id))
FROM {db}.cases
WHERE agency = ? AND received_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?);
