-- channel_flows again, once under each end of a flow: the flows that touch a set of accounts (a
-- channel page's), whichever end, kept by ClickHouse itself on every insert into channel_flows.
-- channel_flows is ordered by its source (from_platform, from_channel, ...) and partitioned by
-- month, so "flows into or out of these accounts" cannot use its key for the target end and reads
-- every row's key columns (120,000 rows for 1,000 pairs over 120 days). Here a flow is a row under
-- (platform, channel) = its source and another under its target, partitioned by year with small
-- granules: an account's flows of a year are a granule or two. Both copies of a row come from the
-- same insert with the same version, so FINAL keeps the same version of each as channel_flows
-- FINAL does. Readers of a set of accounts keep one copy of each flow: the one under its source,
-- or the one under its target when the source is not in the set.
CREATE TABLE IF NOT EXISTS ${database}.channel_flows_by_account
(
    platform String,
    channel String,
    from_platform String,
    from_channel String,
    to_platform String,
    to_channel String,
    day Date,
    flow Int64,
    flow_low Int64,
    flow_high Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (platform, channel, from_platform, from_channel, to_platform, to_channel, day)
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.channel_flows_by_account_mv TO ${database}.channel_flows_by_account AS
SELECT tupleElement(account, 1) AS platform, tupleElement(account, 2) AS channel,
       from_platform, from_channel, to_platform, to_channel, day, flow, flow_low, flow_high, version
FROM ${database}.channel_flows
ARRAY JOIN [(from_platform, from_channel), (to_platform, to_channel)] AS account;

-- Flows written before this migration.
INSERT INTO ${database}.channel_flows_by_account
SELECT tupleElement(account, 1) AS platform, tupleElement(account, 2) AS channel,
       from_platform, from_channel, to_platform, to_channel, day, flow, flow_low, flow_high, version
FROM ${database}.channel_flows
ARRAY JOIN [(from_platform, from_channel), (to_platform, to_channel)] AS account;
