-- sample args: []
CREATE TABLE IF NOT EXISTS {db}.schema_migrations
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime('UTC'),
    applied_by String
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version;
