-- sample args: ["bppd-kalbar", "2026-01-01", "2026-06-30", "2026-10-14 03:00:00"]
-- The responses of a survey period stored after its results were first published (the
-- earliest publication record not deleted): how many, and when the last came. Only a
-- reopening of the closed period lets them in; the pages then say the figure was revised.
SELECT count(), max(ingested_at)
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?)
    AND ingested_at > ?;
