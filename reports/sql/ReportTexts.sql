-- sample args: ["bppd-kalbar", "2026-S1"]
-- The newest text of each chapter of a period's report that has one (an empty newest text
-- removed it). The aliases differ from the columns: on 18.16 an alias named like a column
-- replaces it everywhere, so max(version) AS version would land inside argMax.
SELECT chapter, argMax(text, version) AS newest_text, argMax(changed_by, version) AS newest_by, max(version) AS newest_version
FROM {db}.report_texts
WHERE agency = ? AND period = ?
GROUP BY chapter
HAVING newest_text != ''
ORDER BY chapter;
