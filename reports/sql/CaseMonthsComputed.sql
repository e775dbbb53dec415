-- Which months of an agency have their case figures computed ahead: how many of a span, and
-- the first and last computed (months outside those have no cases yet).
SELECT toUInt64(uniqExactIf(month, month BETWEEN toDate(?) AND toDate(?))), min(month), max(month)
FROM {db}.case_month
WHERE agency = ? AND kind = '';
