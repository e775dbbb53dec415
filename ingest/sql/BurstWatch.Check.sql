-- sample args: ["bppd-kalbar", "2026-10-14 03:00:00"]
-- The months (of the local date) of an agency's responses stored since an instant, with
-- their count: where a burst of responses went.
SELECT toStartOfMonth(local_date) AS month, count()
FROM {db}.survey_responses
WHERE agency = ? AND ingested_at >= ?
GROUP BY month;
