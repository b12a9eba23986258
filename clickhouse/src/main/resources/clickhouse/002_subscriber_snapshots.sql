-- Subscriber counts as observed. The same observation delivered twice collapses to one row.
CREATE TABLE IF NOT EXISTS ${database}.subscriber_snapshots
(
    platform String,
    channel String,
    observed_at DateTime('UTC'),
    subscribers Int64,
    source String
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(observed_at)
ORDER BY (platform, channel, observed_at, source);

CREATE VIEW IF NOT EXISTS ${database}.v_subscriber_snapshots AS
SELECT platform, channel, observed_at, subscribers, source
FROM ${database}.subscriber_snapshots FINAL;
