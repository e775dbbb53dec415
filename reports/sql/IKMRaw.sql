-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- The same answers as IKM, counted from the raw responses (for verification and as the
-- benchmark's reference).
SELECT toUInt64(count()), toUInt64(sum(u1)), toUInt64(sum(u2)), toUInt64(sum(u3)), toUInt64(sum(u4)), toUInt64(sum(u5)), toUInt64(sum(u6)), toUInt64(sum(u7)), toUInt64(sum(u8)), toUInt64(sum(u9)), toUInt64(countIf(u1 > 0)), toUInt64(countIf(u2 > 0)), toUInt64(countIf(u3 > 0)), toUInt64(countIf(u4 > 0)), toUInt64(countIf(u5 > 0)), toUInt64(countIf(u6 > 0)), toUInt64(countIf(u7 > 0)), toUInt64(countIf(u8 > 0)), toUInt64(countIf(u9 > 0))
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?);
