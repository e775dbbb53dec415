-- sample args: ["bppd-kalbar", "bppd-kalbar", "login.refused", "login.refused", 50]
-- The newest lines of the audit log about one agency ('' for every agency) of one kind
-- ('' for every kind).
SELECT at_ns, agency, username, role, action, target, detail, request_id
FROM {db}.audit_log
WHERE (? = '' OR agency = ?)
  AND (? = '' OR action = ?)
ORDER BY at DESC, at_ns DESC
LIMIT ?;
