-- sample args: ["00112233aabbccdd"]
ALTER TABLE {db}.cases_import DROP PARTITION ?;
