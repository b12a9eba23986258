-- Attention per platform and day, summed from channel_attention at read time (a few rows per day),
-- with each platform's share of all platforms' attention that day. share_24h is the share of the
-- views at 24 h, share_views of the views as last observed; null on a day with none.
CREATE VIEW IF NOT EXISTS ${database}.v_platform_attention AS
SELECT
    day,
    platform,
    channels,
    posts,
    views,
    posts_24h,
    views_24h,
    posts_under_24h,
    if(all_views_24h = 0, NULL, views_24h / all_views_24h) AS share_24h,
    if(all_views = 0, NULL, views / all_views) AS share_views
FROM
(
    SELECT day, platform, count() AS channels, sum(posts) AS posts, sum(views) AS views,
        sum(posts_24h) AS posts_24h, sum(views_24h) AS views_24h, sum(posts_under_24h) AS posts_under_24h
    FROM ${database}.channel_attention FINAL
    GROUP BY day, platform
)
ANY LEFT JOIN
(
    SELECT day, sum(views_24h) AS all_views_24h, sum(views) AS all_views
    FROM ${database}.channel_attention FINAL
    GROUP BY day
) USING (day);
