-- sample args: []
-- How many of some responses' ids (sent as the external table batch_ids) are stored already.
SELECT uniqExact(id) FROM {db}.survey_response_ids WHERE id IN (SELECT id FROM batch_ids);
