ALTER TABLE {db}.survey_saran DELETE WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?);
