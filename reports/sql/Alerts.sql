-- The audit lines of one agency since an instant that warn its staff (one action, e.g. a
-- sharp move of an IKM), newest first.
SELECT at_ns, agency, username, role, action, target, detail, request_id
FROM {db}.audit_log
WHERE agency = ? AND action = ? AND at >= ?
ORDER BY at DESC, at_ns DESC
LIMIT 20;
