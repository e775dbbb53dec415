-- sample args: ["bppd-kalbar"]
-- The months of an agency whose case figures are computed ahead.
SELECT groupUniqArray(month)
FROM {db}.case_month
WHERE agency = ? AND dim = 'marker';
