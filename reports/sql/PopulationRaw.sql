-- Service users of a scope in a period: the cases received (for the SKM sample size).
SELECT toUInt64(uniqExact(id))
FROM {db}.cases
WHERE agency = ? AND received_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?);
