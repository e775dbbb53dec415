-- sample args: ["bppd-kalbar", "2026-01-01", "2026-06-30", "", ""]
-- For each element (U1..U9), how many respondents of a scope answered 1, 2, 3 and 4, counted
-- from the raw responses: 36 counts, element by element, value by value.
SELECT
    toUInt64(countIf(u1 = 1)), toUInt64(countIf(u1 = 2)), toUInt64(countIf(u1 = 3)), toUInt64(countIf(u1 = 4)),
    toUInt64(countIf(u2 = 1)), toUInt64(countIf(u2 = 2)), toUInt64(countIf(u2 = 3)), toUInt64(countIf(u2 = 4)),
    toUInt64(countIf(u3 = 1)), toUInt64(countIf(u3 = 2)), toUInt64(countIf(u3 = 3)), toUInt64(countIf(u3 = 4)),
    toUInt64(countIf(u4 = 1)), toUInt64(countIf(u4 = 2)), toUInt64(countIf(u4 = 3)), toUInt64(countIf(u4 = 4)),
    toUInt64(countIf(u5 = 1)), toUInt64(countIf(u5 = 2)), toUInt64(countIf(u5 = 3)), toUInt64(countIf(u5 = 4)),
    toUInt64(countIf(u6 = 1)), toUInt64(countIf(u6 = 2)), toUInt64(countIf(u6 = 3)), toUInt64(countIf(u6 = 4)),
    toUInt64(countIf(u7 = 1)), toUInt64(countIf(u7 = 2)), toUInt64(countIf(u7 = 3)), toUInt64(countIf(u7 = 4)),
    toUInt64(countIf(u8 = 1)), toUInt64(countIf(u8 = 2)), toUInt64(countIf(u8 = 3)), toUInt64(countIf(u8 = 4)),
    toUInt64(countIf(u9 = 1)), toUInt64(countIf(u9 = 2)), toUInt64(countIf(u9 = 3)), toUInt64(countIf(u9 = 4))
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?);
