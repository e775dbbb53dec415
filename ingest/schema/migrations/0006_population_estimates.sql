-- Staff-entered estimates of the number of service users of a survey period, for scopes that
-- keep no case records (the SKM sample size needs a population). service '' is the whole
-- agency. The newest version wins.
CREATE TABLE IF NOT EXISTS {db}.population_estimates
(
    agency      String,
    period      String,
    service     String,
    estimate    UInt64,
    recorded_at DateTime('UTC'),
    recorded_by String,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (agency, period, service);
