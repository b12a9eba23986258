-- One row per channel and UTC day, computed by Flink in event time. A day is written when the
-- watermark passes its end and written again, with a higher version, when late data corrects it.
CREATE TABLE IF NOT EXISTS ${database}.channel_daily
(
    platform String,
    channel String,
    day Date,
    subscribers Nullable(Int64),
    subscribers_min Nullable(Int64),
    subscribers_max Nullable(Int64),
    observations UInt32,
    posts UInt32,
    views Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (platform, channel, day);

CREATE VIEW IF NOT EXISTS ${database}.v_channel_daily AS
SELECT platform, channel, day, subscribers, subscribers_min, subscribers_max, observations, posts, views
FROM ${database}.channel_daily FINAL;
