-- sample args: [3, "bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Per service, how many respondents of a scope answered one element (its position 1..9,
-- U1..U9) with 1, 2, 3 and 4, counted from the raw responses: the answer distribution on an
-- element's page (the daily rollup keeps only sums and counts).
SELECT service, toUInt64(countIf(v_answer = 1)), toUInt64(countIf(v_answer = 2)),
       toUInt64(countIf(v_answer = 3)), toUInt64(countIf(v_answer = 4))
FROM
(
    SELECT service, arrayElement([u1, u2, u3, u4, u5, u6, u7, u8, u9], toUInt64(?)) AS v_answer
    FROM {db}.survey_responses
    WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
)
GROUP BY service
ORDER BY service;
