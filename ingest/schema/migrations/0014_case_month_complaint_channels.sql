-- The months computed ahead gained complaints per channel (dimensions complaints-channel and
-- service-complaints-channel, for the monthly report's complaints sheet). No table changes:
-- every agency's months are marked for computing again, under a sequence above any before.
INSERT INTO {db}.case_month_dirty
SELECT agency, toStartOfMonth(min(received_date)), toUInt64(toUnixTimestamp(now())) * 1000000000
FROM {db}.cases
GROUP BY agency;
