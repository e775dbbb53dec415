-- sample args: []
-- On one server: whether a rollup table still has a mutation not done (the rebuild's delete).
SELECT count() FROM system.mutations WHERE database = '{db}' AND table IN ('survey_daily', 'survey_profile_monthly', 'survey_saran') AND is_done = 0;
