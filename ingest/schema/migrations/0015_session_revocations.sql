-- Staff sessions ended by logout, kept until the session would have expired anyway
-- (expires_at, 12 hours after the login), so a copied cookie stays refused after a restart
-- and on every skm server that shares this database. Rows past expires_at are never read;
-- a month's partition can be dropped once the month is over (no TTL: 18.16 has none).
CREATE TABLE IF NOT EXISTS {db}.session_revocations
(
    session_id String,
    expires_at DateTime('UTC'),
    revoked_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(revoked_at)
PARTITION BY toYYYYMM(expires_at)
ORDER BY session_id;
