-- How many months of a span have their case figures computed ahead.
SELECT toUInt64(uniqExact(month))
FROM {db}.case_month
WHERE agency = ? AND month BETWEEN toDate(?) AND toDate(?) AND kind = '';
