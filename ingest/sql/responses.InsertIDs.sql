-- The id index's part of the repair after an insert that reached survey_responses but not
-- its views: the ids of such a batch that the index lacks.
INSERT INTO {db}.survey_response_ids (id, agency, service, local_date);
