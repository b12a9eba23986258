-- Alerts: one per unordered channel pair, raised by the Flink job (operator `alerts`) when a
-- channel first announces an account on another platform or when an inferred pair crosses its
-- confidence threshold. alert_id is derived from the pair alone, so a replay after a restart
-- writes the same logical row; the first raising wins (the version falls with raised_at).
CREATE TABLE IF NOT EXISTS ${database}.alerts
(
    alert_id String,
    pair String,
    kind String,
    from_platform String,
    from_channel String,
    to_platform String,
    to_channel String,
    evidence String,
    confidence Float64,
    post_id Nullable(Int64),
    seen_at DateTime('UTC'),
    raised_at DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY pair;

CREATE VIEW IF NOT EXISTS ${database}.v_alerts AS
SELECT alert_id, pair, kind, from_platform, from_channel, to_platform, to_channel, evidence, confidence, post_id, seen_at, raised_at
FROM ${database}.alerts FINAL;
