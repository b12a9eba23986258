package org.kooch.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.SchemaMigrator;
import org.kooch.dashboards.query.DateRange;
import org.kooch.dashboards.query.Filters;
import org.kooch.dashboards.query.PlatformSeries;
import org.kooch.schemas.PlatformRegistry;

/**
 * Dashboard and analyst query latencies on large tables: fills a scratch database server-side
 * ({@code INSERT ... SELECT FROM numbers(n)}) with {@code n} posts and {@code n} subscriber snapshots
 * of 2,000 channels over 2019, derives {@code channel_daily} from the snapshots, and times each query
 * (3 warm-up runs, then {@code runs}), client round trip and JSON decoding included.
 */
final class QueryLatency {
  /** p50 and p99 of one query, in milliseconds. */
  record Latency(String query, double p50, double p99) {}

  private QueryLatency() {}

  static List<Latency> measure(ClickHouseSettings scratch, long n, int runs) {
    try (ClickHouseGateway server = ClickHouseGateway.forServer(scratch)) {
      server.execute("DROP DATABASE IF EXISTS " + org.kooch.clickhouse.Sql.identifier(scratch.database()));
    }
    new SchemaMigrator(scratch).migrate();
    try (ClickHouseGateway g = new ClickHouseGateway(scratch)) {
      String platform = "arrayElement(['telegram','soroush','gap','eitaa'], (number % 4) + 1)";
      String channel = "concat('bench_', toString(number % 2000))";
      String at = "toDateTime(1546300800 + intDiv(number * 31536000, " + n + "))";
      g.execute("INSERT INTO posts SELECT " + platform + ", " + channel + ", number, " + at + ", " + at + " + 3600, "
          + "concat('bench post ', toString(number)), number % 1000000, NULL, NULL, NULL, NULL, NULL, [], 'bench', 1 FROM numbers(" + n + ")");
      g.execute("INSERT INTO subscriber_snapshots SELECT " + platform + ", " + channel + ", " + at + ", "
          + "10000 + number % 2000 * 37 + intDiv(number, 2000), 'bench' FROM numbers(" + n + ")");
      g.execute("INSERT INTO channel_daily SELECT platform, channel, toDate(observed_at) AS day, argMax(subscribers, observed_at), "
          + "min(subscribers), max(subscribers), count(), 0, 0, 1 FROM subscriber_snapshots GROUP BY platform, channel, day");

      Map<String, Runnable> queries = new LinkedHashMap<>();
      PlatformSeries dashboard = new PlatformSeries(g, PlatformRegistry.defaults());
      queries.put("dashboard /api/platforms, 90 days", () -> dashboard.query(new Filters(DateRange.parse("2019-10-01", "2019-12-31"), java.util.Set.of())));
      queries.put("a channel's posts in a month (50)", () -> g.query(
          "SELECT post_id, published_at, views, text FROM v_posts WHERE platform = 'telegram' AND channel = 'bench_40'"
              + " AND published_at >= '2019-06-01 00:00:00' AND published_at < '2019-07-01 00:00:00' ORDER BY published_at DESC LIMIT 50"));
      queries.put("a channel's subscriber history", () -> g.query(
          "SELECT observed_at, subscribers FROM v_subscriber_snapshots WHERE platform = 'telegram' AND channel = 'bench_40' ORDER BY observed_at"));
      queries.put("top 20 channels by views, a week", () -> g.query(
          "SELECT platform, channel, sum(views) AS v FROM v_posts WHERE published_at >= '2019-06-01 00:00:00'"
              + " AND published_at < '2019-06-08 00:00:00' GROUP BY platform, channel ORDER BY v DESC LIMIT 20"));
      queries.put("a channel's days (channel_daily)", () -> g.query(
          "SELECT day, subscribers, posts FROM v_channel_daily WHERE platform = 'telegram' AND channel = 'bench_40' ORDER BY day"));

      // The same questions on the tables with FINAL: ClickHouse 18.16 does not push a WHERE into a
      // view, so the v_* views read (and collapse) the whole table first.
      queries.put("  same, posts FINAL instead of v_posts", () -> g.query(
          "SELECT post_id, published_at, views, text FROM posts FINAL WHERE platform = 'telegram' AND channel = 'bench_40'"
              + " AND published_at >= '2019-06-01 00:00:00' AND published_at < '2019-07-01 00:00:00' ORDER BY published_at DESC LIMIT 50"));
      queries.put("  history, subscriber_snapshots FINAL", () -> g.query(
          "SELECT observed_at, subscribers FROM subscriber_snapshots FINAL WHERE platform = 'telegram' AND channel = 'bench_40' ORDER BY observed_at"));
      queries.put("  dashboard's counts, channel_daily FINAL", () -> g.query(
          "SELECT platform, channel, toString(day) AS day, subscribers FROM channel_daily FINAL"
              + " WHERE subscribers IS NOT NULL AND day >= '2019-09-01' AND day <= '2019-12-31' ORDER BY platform, channel, day"));

      List<Latency> out = new ArrayList<>();
      for (Map.Entry<String, Runnable> q : queries.entrySet()) {
        for (int i = 0; i < 3; i++) {
          q.getValue().run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
          long t = System.nanoTime();
          q.getValue().run();
          ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        out.add(new Latency(q.getKey(), percentile(ms, 0.50), percentile(ms, 0.99)));
      }
      return out;
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
