package org.kooch.clickhouse;

/**
 * The one place that renders "the logical rows of a table, restricted by a predicate": what its
 * {@code v_<table>} view returns, as a {@code FROM} clause that stays fast on large tables.
 *
 * <p>ClickHouse 18.16 does not push a {@code WHERE} into a view, so {@code SELECT ... FROM v_posts
 * WHERE platform = ... AND channel = ...} collapses the whole table with {@code FINAL} first (seconds
 * on 10M rows). Here the predicate goes inside:
 * {@code (SELECT * FROM posts FINAL PREWHERE <key> WHERE <rows>)}.
 *
 * <ul>
 *   <li>{@code key}: conditions only on columns that every version of a logical row shares, the
 *       sorting key and the partition column ({@code platform, channel}, also as a tuple {@code IN};
 *       {@code day}; a post's {@code published_at}). They pick granules through the primary key and
 *       partitions through their min/max index, and as {@code PREWHERE} they drop the other rows
 *       before {@code FINAL} collapses versions (3x faster on 18.16 than the same in {@code WHERE});
 *       dropping every version of a row together cannot change which version wins.
 *   <li>{@code rows}: conditions on any column. The {@code WHERE} of a {@code FINAL} query is
 *       evaluated on the collapsed rows (18.16 does not move it to {@code PREWHERE} under
 *       {@code FINAL}; current servers do not either by default,
 *       {@code optimize_move_to_prewhere_if_final=0}), so they see each row's newest version only,
 *       exactly as through the view.
 *   <li>It stays a subquery, so the caller's {@code SELECT} aliases ({@code sum(flow) AS flow}) cannot
 *       capture the predicate's column names; ClickHouse reads only the columns the caller uses.
 *   <li>Current ClickHouse accepts the same text, so nothing else depends on the server version.
 *       On a current server this could also be the view (it pushes predicates down): change it here.
 * </ul>
 *
 * Predicates are built by the callers from {@link Sql} literals and validated input only. Compare
 * {@code DateTime} columns with string literals ({@code published_at >= '2019-06-01 00:00:00'}):
 * 18.16 uses the partition index for those but not for {@code toDate(published_at) >= ...}.
 */
public enum LogicalRows {
  POSTS("posts", null),
  SUBSCRIBER_SNAPSHOTS("subscriber_snapshots", null),
  CHANNEL_PROFILES("channel_profiles", null),
  CHANNEL_DAILY("channel_daily", null),
  /** Per channel and day, views as last observed and at 24 h of age (migration 016). */
  CHANNEL_ATTENTION("channel_attention", null),
  /**
   * {@code channel_attention} ordered by day and a hash of the account (migration 020; no view):
   * for reads of every channel over a range of days. Its key columns are {@code day, account,
   * platform, channel}.
   */
  CHANNEL_ATTENTION_BY_DAY("channel_attention_by_day", null),
  CHANNEL_LINKS("channel_links", null),
  /** As {@code v_channel_flows} (migration 010): a zero range is "no flow". */
  CHANNEL_FLOWS("channel_flows", "flow_high > 0"),
  /** As {@code v_migration_flows} (migration 010): a zero range is "no flow". */
  MIGRATION_FLOWS("migration_flows", "flow_high > 0"),
  PLATFORM_DAILY("platform_daily", null),
  /** Every post's key, time and whether it has links (migration 012; no view). */
  POST_LINKS_INDEX("post_links_index", null),
  /**
   * {@code channel_flows} once under each end of a flow, keyed by that account (migration 013; no
   * view): with the view's filter of {@code v_channel_flows}.
   */
  CHANNEL_FLOWS_BY_ACCOUNT("channel_flows_by_account", "flow_high > 0"),
  /** {@code channel_daily}'s counts by channel and year, in small granules (migration 014; no view). */
  CHANNEL_DAILY_COUNTS("channel_daily_counts", null),
  /** One alert per channel pair (migration 018). */
  ALERTS("alerts", null),
  /** Which alerts went out on which channel (migration 019). */
  ALERT_DELIVERIES("alert_deliveries", null);

  private final String table;
  private final String viewFilter;

  LogicalRows(String table, String viewFilter) {
    this.table = table;
    this.viewFilter = viewFilter;
  }

  public String table() {
    return table;
  }

  /**
   * {@code (SELECT * FROM table FINAL PREWHERE key WHERE rows)}: the logical rows for which both hold.
   * {@code key} may name only columns all versions of a row share (see the class comment); either
   * may be null or blank.
   */
  public String where(String key, String rows) {
    boolean hasKey = key != null && !key.isBlank();
    String filter = viewFilter == null ? "" : viewFilter;
    if (rows != null && !rows.isBlank()) {
      filter = (filter.isEmpty() ? "" : filter + " AND ") + "(" + rows + ")";
    }
    return "(SELECT * FROM " + table + " FINAL" + (hasKey ? " PREWHERE " + key : "") + (filter.isEmpty() ? "" : " WHERE " + filter) + ")";
  }

  /** The logical rows whose key columns satisfy {@code key} (see {@link #where(String, String)}). */
  public String key(String key) {
    return where(key, null);
  }

  /** Every logical row, with the view's own filter if it has one. */
  public String all() {
    return where(null, null);
  }
}
