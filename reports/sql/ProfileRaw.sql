-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Respondent profile of a scope counted from the raw responses (the reference for the
-- rollup; see Profile.sql). Age bands as in common SKM reports.
SELECT dimension, value, toUInt64(count()) AS n
FROM
(
    SELECT
        ['jenis_kelamin', 'umur', 'pendidikan', 'pekerjaan'] AS dims,
        [toString(jenis_kelamin),
         multiIf(umur = 0, '', umur < 20, '< 20', umur < 30, '20–29', umur < 40, '30–39', umur < 50, '40–49', umur < 60, '50–59', '≥ 60'),
         pendidikan, pekerjaan] AS vals
    FROM {db}.survey_responses
    WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
)
ARRAY JOIN dims AS dimension, vals AS value
GROUP BY dimension, value
ORDER BY dimension, n DESC, value;
