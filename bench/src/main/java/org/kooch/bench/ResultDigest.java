package org.kooch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.Sql;

/**
 * Whether two databases filled by two builds from the same records hold the same results: every
 * derived view row for row (as sets: order of arrival does not matter), and the raw views by
 * count. {@code v_alerts} is compared by count too, as its {@code raised_at} is the time the job
 * raised it.
 */
final class ResultDigest {
  /** Views whose every row is compared. */
  static final List<String> ROWS = List.of("v_channel_daily", "v_channel_attention", "v_channel_links", "v_channel_flows",
      "v_migration_flows", "v_platform_daily", "v_platform_attention");
  /** Views compared by their number of rows. */
  static final List<String> COUNTS = List.of("v_posts", "v_subscriber_snapshots", "v_channel_profiles", "v_platform_stats", "v_alerts");

  private ResultDigest() {}

  /** The comparison of two databases: per view, the rows only in one or the other. */
  record Comparison(String a, String b, TreeMap<String, long[]> views) {
    boolean equal() {
      return views.values().stream().allMatch(v -> v[1] == 0 && v[2] == 0);
    }

    String report() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "results: %s against %s%n", a, b));
      out.append(String.format(Locale.ROOT, "%-24s %12s %12s %12s%n", "view", "rows", "only in " + a.substring(a.lastIndexOf('_') + 1),
          "only in " + b.substring(b.lastIndexOf('_') + 1)));
      views.forEach((view, v) -> out.append(String.format(Locale.ROOT, "%-24s %,12d %,12d %,12d%n", view, v[0], v[1], v[2])));
      out.append(equal() ? "equal" : "DIFFERENT");
      return out.toString();
    }
  }

  static Comparison compare(ClickHouseSettings server, ClickHouseSettings a, ClickHouseSettings b) {
    TreeMap<String, long[]> views = new TreeMap<>();
    try (ClickHouseGateway g = ClickHouseGateway.forServer(server)) {
      for (String view : ROWS) {
        Map<String, Long> rowsA = rows(g, a, view);
        Map<String, Long> rowsB = rows(g, b, view);
        views.put(view, new long[] {rowsA.values().stream().mapToLong(Long::longValue).sum(), surplus(rowsA, rowsB), surplus(rowsB, rowsA)});
      }
      for (String view : COUNTS) {
        long countA = g.queryLong("SELECT count() FROM " + Sql.identifier(a.database()) + "." + Sql.identifier(view));
        long countB = g.queryLong("SELECT count() FROM " + Sql.identifier(b.database()) + "." + Sql.identifier(view));
        views.put(view, new long[] {countA, Math.max(0, countA - countB), Math.max(0, countB - countA)});
      }
    }
    return new Comparison(a.database(), b.database(), views);
  }

  /** The view's rows (their JSON text, NULLs included) and how many times each occurs. */
  private static Map<String, Long> rows(ClickHouseGateway g, ClickHouseSettings db, String view) {
    Map<String, Long> rows = new HashMap<>();
    for (JsonNode row : g.query("SELECT * FROM " + Sql.identifier(db.database()) + "." + Sql.identifier(view))) {
      rows.merge(row.toString(), 1L, Long::sum);
    }
    return rows;
  }

  /** Rows of {@code a} beyond those of {@code b}, duplicates counted. */
  private static long surplus(Map<String, Long> a, Map<String, Long> b) {
    long n = 0;
    for (Map.Entry<String, Long> e : a.entrySet()) {
      n += Math.max(0, e.getValue() - b.getOrDefault(e.getKey(), 0L));
    }
    return n;
  }
}
