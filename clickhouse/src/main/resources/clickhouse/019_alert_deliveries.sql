-- Which alerts went out, and where: one row per alert and delivery channel (webhook, mail),
-- written by the alert dispatcher of `kooch run` after the receiver accepted the alert. An alert
-- without a row here for a channel is still to be delivered on it.
CREATE TABLE IF NOT EXISTS ${database}.alert_deliveries
(
    alert_id String,
    channel String,
    delivered_at DateTime('UTC'),
    attempts UInt32
)
ENGINE = ReplacingMergeTree(delivered_at)
ORDER BY (alert_id, channel);

CREATE VIEW IF NOT EXISTS ${database}.v_alert_deliveries AS
SELECT alert_id, channel, delivered_at, attempts
FROM ${database}.alert_deliveries FINAL;
