-- The suggestions of a scope, newest first, a page at a time.
SELECT submitted_at, service, saran
FROM {db}.survey_responses
WHERE agency = ? AND local_date BETWEEN toDate(?) AND toDate(?) AND (? = '' OR service = ?) AND saran != ''
ORDER BY submitted_at DESC, id
LIMIT ? OFFSET ?;
