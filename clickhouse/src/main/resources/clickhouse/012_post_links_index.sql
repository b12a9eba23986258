-- A narrow copy of posts for reading one channel's posts with links (the announcements on a channel
-- page): its key, when it was published, whether it has links, and its version, kept by ClickHouse
-- itself on every insert into posts. posts is partitioned by month, so reading one channel over a
-- year touches at least one 8,192-row granule in each of 12 partitions (about 400,000 rows for a
-- two-account page on 10M posts); this table is partitioned by year and holds no text, so the same
-- read is a granule or two. It only names candidates: the query reads them from posts FINAL and
-- checks their links there, so a post whose newest version has no links is never shown.
CREATE TABLE IF NOT EXISTS ${database}.post_links_index
(
    platform String,
    channel String,
    post_id Int64,
    published_at DateTime('UTC'),
    has_links UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYear(published_at)
ORDER BY (platform, channel, post_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.post_links_index_mv TO ${database}.post_links_index AS
SELECT platform, channel, post_id, published_at, notEmpty(links) AS has_links, version
FROM ${database}.posts;

-- Posts written before this migration.
INSERT INTO ${database}.post_links_index
SELECT platform, channel, post_id, published_at, notEmpty(links) AS has_links, version
FROM ${database}.posts;
