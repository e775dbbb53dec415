-- sample args: []
-- Which of a batch's ids (sent as the external table batch_ids) are stored already, by any
-- earlier insert, however long ago.
SELECT DISTINCT id FROM {db}.survey_response_ids WHERE id IN (SELECT id FROM batch_ids);
