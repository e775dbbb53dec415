-- The respondent profile of one agency's months, computed again from the raw responses
-- (chsql/fragments/profileOfMonths.sql).
INSERT INTO {db}.survey_profile_monthly
{profileOfMonths};
