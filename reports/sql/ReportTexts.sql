-- sample args: ["bppd-kalbar", "2026-S1"]
-- sample row: ["analisis", "Keterlambatan terjadi saat cuti bersama.", "kepala", 1783648800000000000]
-- The newest text of each chapter of a period's report that has one (an empty newest text
-- removed it). The aggregates are named apart from the columns: an alias equal to a column
-- would stand for the aggregate inside the others (max(version) inside argMax).
SELECT chapter, newest_text, newest_by, newest_version
FROM
(
    SELECT chapter, argMax(text, version) AS newest_text, argMax(changed_by, version) AS newest_by,
        max(version) AS newest_version
    FROM {db}.report_texts
    WHERE agency = ? AND period = ?
    GROUP BY chapter
)
WHERE newest_text != ''
ORDER BY chapter;
