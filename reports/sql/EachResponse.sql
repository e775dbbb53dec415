-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", ""]
-- Every response of a scope in the order given (local date, then time), for the raw export
-- and the per-respondent sheet of the semester report. Unanswered elements are 0.
SELECT toString(id), submitted_at, local_date, service, toString(channel),
       u1, u2, u3, u4, u5, u6, u7, u8, u9, umur, toString(jenis_kelamin), pendidikan, pekerjaan, saran
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?)
ORDER BY local_date, submitted_at, id;
