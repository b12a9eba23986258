-- Channel posts as collected. A post collected again (newer view counts) replaces the older
-- row: ReplacingMergeTree keeps the highest `version` (collected_at in ms) per sorting key.
CREATE TABLE IF NOT EXISTS ${database}.posts
(
    platform String,
    channel String,
    post_id Int64,
    published_at DateTime('UTC'),
    collected_at DateTime('UTC'),
    text String,
    views Nullable(Int64),
    forwards Nullable(Int64),
    forwarded_from_platform Nullable(String),
    forwarded_from_channel Nullable(String),
    forwarded_from_post_id Nullable(Int64),
    forwarded_from_name Nullable(String),
    links Array(String),
    source String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(published_at)
ORDER BY (platform, channel, post_id);

-- Each post once, with its latest collected state.
CREATE VIEW IF NOT EXISTS ${database}.v_posts AS
SELECT platform, channel, post_id, published_at, collected_at, text, views, forwards,
       forwarded_from_platform, forwarded_from_channel, forwarded_from_post_id, forwarded_from_name,
       links, source
FROM ${database}.posts FINAL;
