-- sample args: ["", "", "2026-01-01", "2026-12-31", "", "", "2026-01-01", "2026-12-31"]
-- Days on which the daily rollup and the raw responses disagree, within a date range (and
-- optionally one agency): rollup minus raw for each counter.
SELECT agency, service, local_date, d_respondents, d_s1, d_s2, d_s3, d_s4, d_s5, d_s6, d_s7, d_s8, d_s9, d_n1, d_n2, d_n3, d_n4, d_n5, d_n6, d_n7, d_n8, d_n9
FROM
(
    SELECT agency, service, local_date, sum(respondents * sign) AS d_respondents, sum(s1 * sign) AS d_s1, sum(s2 * sign) AS d_s2, sum(s3 * sign) AS d_s3, sum(s4 * sign) AS d_s4, sum(s5 * sign) AS d_s5, sum(s6 * sign) AS d_s6, sum(s7 * sign) AS d_s7, sum(s8 * sign) AS d_s8, sum(s9 * sign) AS d_s9, sum(n1 * sign) AS d_n1, sum(n2 * sign) AS d_n2, sum(n3 * sign) AS d_n3, sum(n4 * sign) AS d_n4, sum(n5 * sign) AS d_n5, sum(n6 * sign) AS d_n6, sum(n7 * sign) AS d_n7, sum(n8 * sign) AS d_n8, sum(n9 * sign) AS d_n9
    FROM
    (
        SELECT agency, service, local_date, toInt64(respondents) AS respondents, toInt64(s1) AS s1, toInt64(s2) AS s2, toInt64(s3) AS s3, toInt64(s4) AS s4, toInt64(s5) AS s5, toInt64(s6) AS s6, toInt64(s7) AS s7, toInt64(s8) AS s8, toInt64(s9) AS s9, toInt64(n1) AS n1, toInt64(n2) AS n2, toInt64(n3) AS n3, toInt64(n4) AS n4, toInt64(n5) AS n5, toInt64(n6) AS n6, toInt64(n7) AS n7, toInt64(n8) AS n8, toInt64(n9) AS n9, 1 AS sign
        FROM {db}.survey_daily
        WHERE (? = '' OR agency = ?) AND local_date BETWEEN toDate(?) AND toDate(?)
        UNION ALL
        SELECT agency, service, local_date, toInt64(count()) AS respondents, toInt64(sum(u1)) AS s1, toInt64(sum(u2)) AS s2, toInt64(sum(u3)) AS s3, toInt64(sum(u4)) AS s4, toInt64(sum(u5)) AS s5, toInt64(sum(u6)) AS s6, toInt64(sum(u7)) AS s7, toInt64(sum(u8)) AS s8, toInt64(sum(u9)) AS s9, toInt64(countIf(u1 > 0)) AS n1, toInt64(countIf(u2 > 0)) AS n2, toInt64(countIf(u3 > 0)) AS n3, toInt64(countIf(u4 > 0)) AS n4, toInt64(countIf(u5 > 0)) AS n5, toInt64(countIf(u6 > 0)) AS n6, toInt64(countIf(u7 > 0)) AS n7, toInt64(countIf(u8 > 0)) AS n8, toInt64(countIf(u9 > 0)) AS n9, -1 AS sign
        FROM {db}.survey_responses
        WHERE (? = '' OR agency = ?) AND local_date BETWEEN toDate(?) AND toDate(?)
        GROUP BY agency, service, local_date
    )
    GROUP BY agency, service, local_date
)
WHERE d_respondents != 0 OR d_s1 != 0 OR d_s2 != 0 OR d_s3 != 0 OR d_s4 != 0 OR d_s5 != 0 OR d_s6 != 0 OR d_s7 != 0 OR d_s8 != 0 OR d_s9 != 0 OR d_n1 != 0 OR d_n2 != 0 OR d_n3 != 0 OR d_n4 != 0 OR d_n5 != 0 OR d_n6 != 0 OR d_n7 != 0 OR d_n8 != 0 OR d_n9 != 0
ORDER BY agency, service, local_date;
