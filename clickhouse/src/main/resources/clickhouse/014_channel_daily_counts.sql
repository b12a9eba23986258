-- A narrow copy of channel_daily for reading a few channels' whole count history (a channel page
-- over every day): each day's last count and its version, kept by ClickHouse itself on every insert
-- into channel_daily. channel_daily is partitioned by month, so one channel over a year touches at
-- least one 8,192-row granule in each of 12 partitions (about 200,000 rows for a two-account page);
-- here a year is one partition with small granules, and a channel's year (365 rows) is a granule or
-- two. The same rows with the same versions as channel_daily: FINAL keeps the same version of a
-- day, whose count may be null (no count that day), as channel_daily FINAL does.
CREATE TABLE IF NOT EXISTS ${database}.channel_daily_counts
(
    platform String,
    channel String,
    day Date,
    subscribers Nullable(Int64),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (platform, channel, day)
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.channel_daily_counts_mv TO ${database}.channel_daily_counts AS
SELECT platform, channel, day, subscribers, version
FROM ${database}.channel_daily;

-- Days written before this migration.
INSERT INTO ${database}.channel_daily_counts
SELECT platform, channel, day, subscribers, version
FROM ${database}.channel_daily;
