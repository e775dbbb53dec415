-- sample row: ["2026-10-14 03:00:00", 1, "bppd-kalbar", "kepala-kalbar", "head", "login", "", "",
--   "abc-1"]
INSERT INTO {db}.audit_log (at, at_ns, agency, username, role, action, target, detail, request_id);
