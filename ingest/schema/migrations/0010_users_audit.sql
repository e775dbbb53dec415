-- Staff accounts for the dashboard: admin (all agencies; agency ''), head (own agency: view
-- and export) and staff (own agency: record cases, edit follow-up items, export). Only an
-- argon2id hash of the password is stored. Every change (add, new password, role, disable)
-- is a new version; the newest wins, and a session made before it ends.
CREATE TABLE IF NOT EXISTS {db}.users
(
    username      String,
    agency        String,
    role          Enum8('admin' = 1, 'head' = 2, 'staff' = 3),
    display_name  String,
    password_hash String,
    disabled      UInt8,
    changed_at    DateTime('UTC'),
    changed_by    String,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY username;

-- Who did what, when: logins (and refused ones), logouts, changes of cases, follow-up items,
-- holidays and accounts, and every download. agency is the agency acted upon ('' for none).
-- No IP address is kept. at_ns (Unix nanoseconds) orders lines made in the same second.
CREATE TABLE IF NOT EXISTS {db}.audit_log
(
    at         DateTime('UTC'),
    at_ns      UInt64,
    agency     String,
    username   String,
    role       String,
    action     String,
    target     String,
    detail     String,
    request_id String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (agency, at, at_ns);
