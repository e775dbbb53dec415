-- sample args: ["bppd-kalbar", "2026-01-01", "2026-12-31", "bppd-kalbar", "2026-01-01", "2026-12-31"]
-- Puts survey_saran_days right for an agency's days from..to: for each day and service on
-- which it and survey_saran disagree, adds what survey_saran holds minus what it holds (a
-- deletion the view could not follow, or a part the view did not write). The sums wrap modulo 2⁶⁴ (UInt64 and
-- Int64 alike), and so does the difference added: afterwards each day sums to survey_saran's
-- count and print.
INSERT INTO {db}.survey_saran_days (agency, local_date, service, saran_count, print)
SELECT agency, local_date, service, toUInt64(sum(n)) AS d_count, toUInt64(sum(p)) AS d_print
FROM
(
    SELECT agency, local_date, service, toInt64(count()) AS n, toInt64(sum(cityHash64(reinterpretAsString(id), submitted_at, service, saran))) AS p
    FROM {db}.survey_saran
    WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?)
    GROUP BY agency, local_date, service
    UNION ALL
    SELECT agency, local_date, service, -toInt64(sum(saran_count)) AS n, -toInt64(sum(print)) AS p
    FROM {db}.survey_saran_days
    WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?)
    GROUP BY agency, local_date, service
)
GROUP BY agency, local_date, service
HAVING sum(n) != 0 OR sum(p) != 0;
