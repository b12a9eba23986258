-- channel_attention again, ordered by day for the reads that take every channel of a range of days
-- (the platforms' daily attention, the attention of every pair that moved), kept by ClickHouse
-- itself on every insert into channel_attention. Those reads collapse versions (FINAL) over every
-- channel's day: 7.3 million rows for 20,000 channels over a year. channel_attention is ordered by
-- (platform, channel, day), so collapsing compares two strings for nearly every row; here the
-- sorting key leads with the day and a 64-bit hash of the account, and the strings, still in the
-- key, are compared only when two accounts' hashes are equal, so the same rows collapse to the same
-- newest versions (a row and its rewrites share every key column and come with the same version
-- as in channel_attention). Partitioned by year: a range of days is one stretch of the key.
CREATE TABLE IF NOT EXISTS ${database}.channel_attention_by_day
(
    day Date,
    account UInt64,
    platform String,
    channel String,
    posts UInt32,
    views Int64,
    posts_24h UInt32,
    views_24h Int64,
    posts_under_24h UInt32,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(day)
ORDER BY (day, account, platform, channel);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.channel_attention_by_day_mv TO ${database}.channel_attention_by_day AS
SELECT day, cityHash64(platform, channel) AS account, platform, channel, posts, views, posts_24h, views_24h, posts_under_24h, version
FROM ${database}.channel_attention;

-- Days written before this migration.
INSERT INTO ${database}.channel_attention_by_day
SELECT day, cityHash64(platform, channel) AS account, platform, channel, posts, views, posts_24h, views_24h, posts_under_24h, version
FROM ${database}.channel_attention;
