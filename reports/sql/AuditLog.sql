-- The newest lines of the audit log about one agency ('' for every agency).
SELECT at, agency, username, role, action, target, detail, request_id
FROM {db}.audit_log
WHERE (? = '' OR agency = ?)
ORDER BY at DESC
LIMIT ?;
