ALTER TABLE {db}.survey_profile_daily DELETE WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?);
