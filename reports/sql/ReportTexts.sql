-- sample args: ["bppd-kalbar", "2026-S1"]
-- The newest text of each chapter of a period's report that has one (an empty newest text
-- removed it).
SELECT chapter, text, changed_by, version
FROM
(
    SELECT chapter, argMax(text, version) AS text, argMax(changed_by, version) AS changed_by, max(version) AS version
    FROM {db}.report_texts
    WHERE agency = ? AND period = ?
    GROUP BY chapter
)
WHERE text != ''
ORDER BY chapter;
