-- Links between channels that belong to the same owner, found by Flink. One row per channel
-- pair and kind of evidence; the earliest sighting and the strongest confidence win over time.
CREATE TABLE IF NOT EXISTS ${database}.channel_links
(
    from_platform String,
    from_channel String,
    to_platform String,
    to_channel String,
    evidence String,
    first_seen DateTime('UTC'),
    post_id Nullable(Int64),
    confidence Float64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (from_platform, from_channel, to_platform, to_channel, evidence);

CREATE VIEW IF NOT EXISTS ${database}.v_channel_links AS
SELECT from_platform, from_channel, to_platform, to_channel, evidence, first_seen, post_id, confidence
FROM ${database}.channel_links FINAL;
