ALTER TABLE {db}.survey_profile_monthly DELETE WHERE agency = ? AND month BETWEEN toStartOfMonth(toDate(?)) AND toDate(?);
