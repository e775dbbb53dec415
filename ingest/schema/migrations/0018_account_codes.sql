-- One-time codes with which a person sets the password of their account: made when an admin
-- or head adds the account or resets its password (the code is handed over, never a
-- password), good for 24 hours and once. Only a SHA-256 of the code is stored. user_version
-- is the account's version when the code was made: any later change of the account (the
-- password set with this code included) makes the code useless. Using it writes a newer
-- version with used = 1.
CREATE TABLE IF NOT EXISTS {db}.account_codes
(
    hash         String,
    username     String,
    purpose      String,
    user_version UInt64,
    created_at   DateTime('UTC'),
    expires_at   DateTime('UTC'),
    created_by   String,
    used         UInt8,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(created_at)
ORDER BY hash;
