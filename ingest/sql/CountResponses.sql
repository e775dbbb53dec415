-- sample args: ["bppd-kalbar"]
SELECT count() FROM {db}.survey_responses WHERE agency = ?;
