-- Which of a batch's ids are stored already (by any earlier insert, however long ago).
SELECT DISTINCT id FROM {db}.survey_response_ids WHERE id IN ?;
