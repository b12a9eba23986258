-- Attention per channel and UTC day of publication, computed by Flink in event time: the day's
-- posts and their views, as last observed and at 24 hours of age (a fair comparison between
-- channels whose posts were collected at different ages). views_24h sums the posts_24h posts
-- measured at 24 h; posts_under_24h were last seen younger (they may still be measured); the rest
-- were never observed near 24 h and are in posts only. Rewritten with a higher version when late
-- collections change the day.
CREATE TABLE IF NOT EXISTS ${database}.channel_attention
(
    platform String,
    channel String,
    day Date,
    posts UInt32,
    views Int64,
    posts_24h UInt32,
    views_24h Int64,
    posts_under_24h UInt32,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (platform, channel, day);

CREATE VIEW IF NOT EXISTS ${database}.v_channel_attention AS
SELECT platform, channel, day, posts, views, posts_24h, views_24h, posts_under_24h
FROM ${database}.channel_attention FINAL;
