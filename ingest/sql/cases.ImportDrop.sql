ALTER TABLE {db}.cases_import DROP PARTITION ?;
