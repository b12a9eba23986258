-- One row per platform and day: the tracked channels' audience (each channel's last known count
-- carried forward, counted once), activity, and the users the platform itself reported.
CREATE TABLE IF NOT EXISTS ${database}.platform_daily
(
    day Date,
    platform String,
    tracked_channels UInt32,
    tracked_subscribers Int64,
    reported_users Nullable(Int64),
    posts UInt64,
    views Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (platform, day);

CREATE VIEW IF NOT EXISTS ${database}.v_platform_daily AS
SELECT day, platform, tracked_channels, tracked_subscribers, reported_users, posts, views
FROM ${database}.platform_daily FINAL;
