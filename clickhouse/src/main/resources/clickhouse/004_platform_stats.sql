-- Whole-platform user counts reported by operators or the press.
CREATE TABLE IF NOT EXISTS ${database}.platform_stats
(
    platform String,
    observed_at DateTime('UTC'),
    reported_users Int64,
    source String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(observed_at)
ORDER BY (platform, observed_at, source);

CREATE VIEW IF NOT EXISTS ${database}.v_platform_stats AS
SELECT platform, observed_at, reported_users, source
FROM ${database}.platform_stats FINAL;
