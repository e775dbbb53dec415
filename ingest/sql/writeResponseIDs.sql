-- sample row: ["6d7c2f0e-1b1a-4c39-9a0e-3b7f7d3e2a10", "bppd-kalbar", "konsultasi", "2026-10-14"]
-- The id index's part of the repair after an insert that reached survey_responses but not
-- its views: the ids of such a batch that the index lacks.
INSERT INTO {db}.survey_response_ids (id, agency, service, local_date);
