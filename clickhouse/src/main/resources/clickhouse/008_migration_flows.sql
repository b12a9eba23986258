-- Estimated daily migration between platforms: the sum over linked channel pairs.
CREATE TABLE IF NOT EXISTS ${database}.migration_flows
(
    day Date,
    from_platform String,
    to_platform String,
    flow Int64,
    flow_low Int64,
    flow_high Int64,
    channel_pairs UInt32,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (from_platform, to_platform, day);

CREATE VIEW IF NOT EXISTS ${database}.v_migration_flows AS
SELECT day, from_platform, to_platform, flow, flow_low, flow_high, channel_pairs
FROM ${database}.migration_flows FINAL;
