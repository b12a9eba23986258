-- Estimated daily migration between two linked channels (the per-pair detail behind
-- migration_flows). flow_low..flow_high is the range the data supports.
CREATE TABLE IF NOT EXISTS ${database}.channel_flows
(
    day Date,
    from_platform String,
    from_channel String,
    to_platform String,
    to_channel String,
    flow Int64,
    flow_low Int64,
    flow_high Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (from_platform, from_channel, to_platform, to_channel, day);

CREATE VIEW IF NOT EXISTS ${database}.v_channel_flows AS
SELECT day, from_platform, from_channel, to_platform, to_channel, flow, flow_low, flow_high
FROM ${database}.channel_flows FINAL;
