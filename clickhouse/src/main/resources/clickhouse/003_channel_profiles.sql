-- Channel headers (title, description, links in the description) as observed.
CREATE TABLE IF NOT EXISTS ${database}.channel_profiles
(
    platform String,
    channel String,
    observed_at DateTime('UTC'),
    title Nullable(String),
    description Nullable(String),
    links Array(String),
    source String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(observed_at)
ORDER BY (platform, channel, observed_at, source);

CREATE VIEW IF NOT EXISTS ${database}.v_channel_profiles AS
SELECT platform, channel, observed_at, title, description, links, source
FROM ${database}.channel_profiles FINAL;
