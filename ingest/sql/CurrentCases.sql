-- sample args: ["bppd-kalbar"]
-- The newest version of an agency's cases whose ids are sent as the external table case_ids
-- (columns: chsql/fragments/caseVersionColumns.sql).
SELECT id, {caseVersionColumns}
FROM {db}.cases
WHERE agency = ? AND id IN (SELECT id FROM case_ids)
GROUP BY id;
