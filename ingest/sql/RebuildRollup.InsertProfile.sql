-- sample args: ["bppd-kalbar", "2026-01-01", "2026-12-31"]
-- The respondent profile of one agency's months, computed again from the raw responses
-- (chsql/fragments/profileOfMonths.sql).
INSERT INTO {db}.survey_profile_monthly
{profileOfMonths};
