package org.kooch.clickhouse;

/**
 * The one place that renders "the logical rows of a table, restricted by a predicate": what its
 * {@code v_<table>} view returns, as a {@code FROM} clause that stays fast on large tables.
 *
 * <p>ClickHouse 18.16 does not push a {@code WHERE} into a view, so {@code SELECT ... FROM v_posts
 * WHERE platform = ... AND channel = ...} collapses the whole table with {@code FINAL} first (seconds
 * on 10M rows). Here the predicate goes inside, {@code (SELECT * FROM posts FINAL WHERE ...)}:
 *
 * <ul>
 *   <li>conditions on the sorting key's prefix ({@code platform, channel}, also as a tuple
 *       {@code IN}) and on the partition column pick the granules through the primary key and the
 *       partitions' min/max index, so only those rows are read and collapsed;
 *   <li>the {@code WHERE} of a {@code FINAL} query is evaluated on the collapsed rows (18.16 does
 *       not move it to {@code PREWHERE} under {@code FINAL}; current servers do not either, by
 *       default, {@code optimize_move_to_prewhere_if_final=0}), so a condition on any other column
 *       sees only each row's newest version, exactly as through the view;
 *   <li>it stays a subquery, so the caller's {@code SELECT} aliases ({@code sum(flow) AS flow}) cannot
 *       capture the predicate's column names; ClickHouse reads only the columns the caller uses;
 *   <li>current ClickHouse accepts the same text, so nothing else depends on the server version.
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
  PLATFORM_STATS("platform_stats", null),
  CHANNEL_DAILY("channel_daily", null),
  CHANNEL_LINKS("channel_links", null),
  /** As {@code v_channel_flows} (migration 010): a zero range is "no flow". */
  CHANNEL_FLOWS("channel_flows", "flow_high > 0"),
  /** As {@code v_migration_flows} (migration 010). */
  MIGRATION_FLOWS("migration_flows", "flow_high > 0"),
  PLATFORM_DAILY("platform_daily", null);

  private final String table;
  private final String viewFilter;

  LogicalRows(String table, String viewFilter) {
    this.table = table;
    this.viewFilter = viewFilter;
  }

  public String table() {
    return table;
  }

  /** The analysts' view that returns the same rows. */
  public String view() {
    return "v_" + table;
  }

  /** {@code (SELECT * FROM table FINAL WHERE predicate)}: the logical rows for which the predicate holds. */
  public String where(String predicate) {
    if (predicate == null || predicate.isBlank()) {
      return all();
    }
    return "(SELECT * FROM " + table + " FINAL WHERE " + (viewFilter == null ? "" : viewFilter + " AND ") + "(" + predicate + "))";
  }

  /** Every logical row, with the view's own filter if it has one. */
  public String all() {
    return "(SELECT * FROM " + table + " FINAL" + (viewFilter == null ? "" : " WHERE " + viewFilter) + ")";
  }
}
