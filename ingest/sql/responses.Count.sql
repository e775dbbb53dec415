SELECT count() FROM {db}.survey_responses WHERE agency = ?;
