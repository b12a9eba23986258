-- A flow row whose range is zero says "no flow": it exists only where a streaming run first saw
-- a possible flow and later corrected it to nothing. The views leave such rows out, so a streaming
-- run and a backfill of the same input show the same rows.
DROP TABLE IF EXISTS ${database}.v_channel_flows;

CREATE VIEW IF NOT EXISTS ${database}.v_channel_flows AS
SELECT day, from_platform, from_channel, to_platform, to_channel, flow, flow_low, flow_high
FROM ${database}.channel_flows FINAL
WHERE flow_high > 0;

DROP TABLE IF EXISTS ${database}.v_migration_flows;

CREATE VIEW IF NOT EXISTS ${database}.v_migration_flows AS
SELECT day, from_platform, to_platform, flow, flow_low, flow_high, channel_pairs
FROM ${database}.migration_flows FINAL
WHERE flow_high > 0;
