-- sample args: [10, "bppd-kalbar", "REG-2026-%"]
-- The highest number among an agency's register numbers of one year as the intake gives them
-- ("REG-2026-00012" → 12). Arguments: the position after the prefix, the agency, the prefix
-- followed by %.
SELECT max(toUInt64OrZero(substring(id, ?, 20)))
FROM {db}.cases
WHERE agency = ? AND id LIKE ?;
