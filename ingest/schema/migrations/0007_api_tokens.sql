-- Per-agency API tokens for machines (case systems, the follow-up and publication API). Only
-- a SHA-256 of the token's secret is stored; the token is shown once when created. A token
-- acts for its own agency only. Revoking writes a newer version.
CREATE TABLE IF NOT EXISTS {db}.api_tokens
(
    id         String,
    agency     String,
    name       String,
    hash       String,
    created_at DateTime('UTC'),
    revoked    UInt8,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
