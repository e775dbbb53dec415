-- Failed staff logins, shared by the skm servers of one database so that the login limits
-- count them all (dashboards.LoginFailures): without it two servers behind one address let a
-- guesser try twice as often. One row per failure and bucket; key is a keyed hash (HMAC with
-- a key derived from the session key the servers share) of the account and/or the network
-- address, never the value; emptied marks the bucket emptied after the failure (an account
-- past its ceiling gives an address one try, not five). Only the last 15 minutes are read;
-- rows older than a day are deleted (a mutation) by the server holding the background lease.
-- Not partitioned, for the reason migration 0024 gives.
CREATE TABLE IF NOT EXISTS {db}.login_failures
(
    key     String,
    at      DateTime('UTC'),
    emptied UInt8
)
ENGINE = MergeTree
ORDER BY (key, at);
