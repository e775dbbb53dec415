SELECT count() FROM system.mutations WHERE database = '{db}' AND table IN ('survey_daily', 'survey_profile_daily') AND is_done = 0;
