-- sample args: ["bppd-kalbar", "2026-10-14", "2026-10-14"]
-- For a batch whose earlier attempt may have half-landed (replayed after a crash, retried
-- after an error): the same check on the raw table, within the batch's key range.
SELECT DISTINCT id FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND id IN (SELECT id FROM batch_ids);
