-- Each channel's first and last day-end count per calendar month, kept by ClickHouse itself from
-- channel_daily (a materialized view on its inserts). "Which channels gained or lost most between
-- two days" needs, per channel, the first and the last count in a range; over a long range that is
-- every row of channel_daily (730,000 rows for 2,000 channels over a year). With this table a range
-- reads the months it covers whole here (one row per channel and month) and only the days of its
-- partial first and last months from channel_daily.
-- A day rewritten by late data arrives again with a higher version: the first count of a month is
-- the one of its earliest day with the highest version, the last count the one of its latest day
-- with the highest version, as channel_daily FINAL would return them. Days without a count are left
-- out, as in the query this serves.
CREATE TABLE IF NOT EXISTS ${database}.channel_monthly
(
    month Date,
    platform String,
    channel String,
    first AggregateFunction(argMin, Tuple(Date, Int64), Tuple(Date, Int64)),
    last AggregateFunction(argMax, Tuple(Date, Int64), Tuple(Date, UInt64))
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYear(month)
ORDER BY (month, platform, channel);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.channel_monthly_mv TO ${database}.channel_monthly AS
SELECT toStartOfMonth(day) AS month, platform, channel,
       argMinState(tuple(day, assumeNotNull(subscribers)), tuple(day, -toInt64(version))) AS first,
       argMaxState(tuple(day, assumeNotNull(subscribers)), tuple(day, version)) AS last
FROM ${database}.channel_daily
WHERE subscribers IS NOT NULL
GROUP BY month, platform, channel;

-- Days written before this migration (a row inserted while it runs may be counted twice, which
-- changes neither the first nor the last count).
INSERT INTO ${database}.channel_monthly
SELECT toStartOfMonth(day) AS month, platform, channel,
       argMinState(tuple(day, assumeNotNull(subscribers)), tuple(day, -toInt64(version))) AS first,
       argMaxState(tuple(day, assumeNotNull(subscribers)), tuple(day, version)) AS last
FROM ${database}.channel_daily
WHERE subscribers IS NOT NULL
GROUP BY month, platform, channel;
