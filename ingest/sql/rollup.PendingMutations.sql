SELECT count() FROM system.mutations WHERE database = '{db}' AND table = 'survey_daily' AND is_done = 0;
