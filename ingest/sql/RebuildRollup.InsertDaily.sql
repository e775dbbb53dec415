-- sample args: ["bppd-kalbar", "2026-01-01", "2026-12-31"]
INSERT INTO {db}.survey_daily
SELECT agency, service, local_date, count() AS respondents, sum(u1) AS s1, sum(u2) AS s2, sum(u3) AS s3, sum(u4) AS s4, sum(u5) AS s5, sum(u6) AS s6, sum(u7) AS s7, sum(u8) AS s8, sum(u9) AS s9, countIf(u1 > 0) AS n1, countIf(u2 > 0) AS n2, countIf(u3 > 0) AS n3, countIf(u4 > 0) AS n4, countIf(u5 > 0) AS n5, countIf(u6 > 0) AS n6, countIf(u7 > 0) AS n7, countIf(u8 > 0) AS n8, countIf(u9 > 0) AS n9
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?)
GROUP BY agency, service, local_date;
