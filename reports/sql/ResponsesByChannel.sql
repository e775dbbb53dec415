-- sample args: ["bppd-kalbar", "2026-01-01", "2026-06-30", "", ""]
-- Respondents per channel (web, kiosk, paper) of a scope, counted from the raw responses
-- (the daily rollup has no channel), largest first.
SELECT toString(channel) AS ch, toUInt64(count()) AS n
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
GROUP BY ch
ORDER BY n DESC, ch;
