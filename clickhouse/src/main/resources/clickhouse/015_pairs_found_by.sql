-- How each flow's pair of accounts was found: 'announced' (a post or profile of one links the
-- other) or 'inferred' (shared posts, forwards and the same handle added up; docs/tables.md).
-- Flows written before pairs were inferred were all announced.
ALTER TABLE ${database}.channel_flows ADD COLUMN IF NOT EXISTS found_by String DEFAULT 'announced';

ALTER TABLE ${database}.channel_flows_by_account ADD COLUMN IF NOT EXISTS found_by String DEFAULT 'announced';

DROP TABLE IF EXISTS ${database}.channel_flows_by_account_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.channel_flows_by_account_mv TO ${database}.channel_flows_by_account AS
SELECT tupleElement(account, 1) AS platform, tupleElement(account, 2) AS channel,
       from_platform, from_channel, to_platform, to_channel, day, flow, flow_low, flow_high, found_by, version
FROM ${database}.channel_flows
ARRAY JOIN [(from_platform, from_channel), (to_platform, to_channel)] AS account;

-- The part of each day's platform flow that is on inferred pairs, and how many such pairs moved.
ALTER TABLE ${database}.migration_flows ADD COLUMN IF NOT EXISTS inferred_flow Int64 DEFAULT 0;

ALTER TABLE ${database}.migration_flows ADD COLUMN IF NOT EXISTS inferred_pairs UInt32 DEFAULT 0;

DROP TABLE IF EXISTS ${database}.v_channel_flows;

CREATE VIEW IF NOT EXISTS ${database}.v_channel_flows AS
SELECT day, from_platform, from_channel, to_platform, to_channel, flow, flow_low, flow_high, found_by
FROM ${database}.channel_flows FINAL
WHERE flow_high > 0;

DROP TABLE IF EXISTS ${database}.v_migration_flows;

CREATE VIEW IF NOT EXISTS ${database}.v_migration_flows AS
SELECT day, from_platform, to_platform, flow, flow_low, flow_high, channel_pairs, inferred_flow, inferred_pairs
FROM ${database}.migration_flows FINAL
WHERE flow_high > 0;
