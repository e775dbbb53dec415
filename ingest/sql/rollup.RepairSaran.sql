-- The saran's part of rollup.RepairDaily: adds the saran of one agency's days that are in
-- the raw responses and not in survey_saran.
INSERT INTO {db}.survey_saran (agency, service, local_date, submitted_at, id, saran)
SELECT agency, service, local_date, submitted_at, id, saran
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND saran != ''
    AND id NOT IN (SELECT id FROM {db}.survey_saran WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?));
