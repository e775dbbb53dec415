-- sample args: ["bppd-kalbar", "2026-10-01", "2026-10-31", "bppd-kalbar", "2026-10-01",
--   "2026-10-31"]
-- The saran's part of the repair after a batch reached survey_responses and not every view:
-- the batch's saran (its ids sent as the external table batch_ids) that survey_saran lacks.
-- GLOBAL: on a sharded cluster both tables are Distributed (see schema.Layout.Settings).
INSERT INTO {db}.survey_saran (agency, service, local_date, submitted_at, id, saran)
SELECT agency, service, local_date, submitted_at, id, saran
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND saran != '' AND id IN (SELECT id FROM batch_ids)
    AND id GLOBAL NOT IN (SELECT id FROM {db}.survey_saran WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND id IN (SELECT id FROM batch_ids));
