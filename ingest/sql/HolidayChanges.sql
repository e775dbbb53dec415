-- sample args: []
-- The current holiday changes: the newest version of each (agency, date), oldest change first.
SELECT agency, date, argMax(off, version) AS v_off, argMax(kind, version) AS v_kind, argMax(name, version) AS v_name,
       max(version) AS v_version
FROM {db}.holiday_changes
GROUP BY agency, date
ORDER BY v_version;
