-- Each channel's first and last day-end count per calendar month, kept by ClickHouse itself from
-- channel_daily (a materialized view on its inserts). "Which channels gained or lost most between
-- two days" needs, per channel, the first and the last count in a range; over a long range that is
-- every row of channel_daily (730,000 rows for 2,000 channels over a year). With this table a range
-- reads the months it covers whole here (one row per channel and month) and only the days of its
-- partial first and last months from channel_daily.
-- A day rewritten by late data arrives again with a higher version: the first count of a month is
-- the one of its earliest day with the highest version, the last count the one of its latest day
-- with the highest version, as channel_daily FINAL would return them (argMin/argMax over
-- day * 2^32 + version; channel_daily's version counts the day's inputs, far below 2^32). Days
-- without a count are left out, as in the query this serves. Fixed-size states (numbers, not
-- tuples): merging a year of them for 2,000 channels takes about 10 ms.
CREATE TABLE IF NOT EXISTS ${database}.channel_monthly
(
    month Date,
    platform String,
    channel String,
    first_day AggregateFunction(min, Date),
    first AggregateFunction(argMin, Int64, UInt64),
    last_day AggregateFunction(max, Date),
    last AggregateFunction(argMax, Int64, UInt64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYear(month)
ORDER BY (month, platform, channel);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.channel_monthly_mv TO ${database}.channel_monthly AS
SELECT toStartOfMonth(day) AS month, platform, channel,
       minState(day) AS first_day,
       argMinState(assumeNotNull(subscribers), toUInt64(toUInt64(day) * 4294967296 + (4294967295 - least(version, 4294967295)))) AS first,
       maxState(day) AS last_day,
       argMaxState(assumeNotNull(subscribers), toUInt64(toUInt64(day) * 4294967296 + least(version, 4294967295))) AS last
FROM ${database}.channel_daily
WHERE subscribers IS NOT NULL
GROUP BY month, platform, channel;

-- Days written before this migration (a row inserted while it runs may be counted twice, which
-- changes neither the first nor the last count).
INSERT INTO ${database}.channel_monthly
SELECT toStartOfMonth(day) AS month, platform, channel,
       minState(day) AS first_day,
       argMinState(assumeNotNull(subscribers), toUInt64(toUInt64(day) * 4294967296 + (4294967295 - least(version, 4294967295)))) AS first,
       maxState(day) AS last_day,
       argMaxState(assumeNotNull(subscribers), toUInt64(toUInt64(day) * 4294967296 + least(version, 4294967295))) AS last
FROM ${database}.channel_daily
WHERE subscribers IS NOT NULL
GROUP BY month, platform, channel;
