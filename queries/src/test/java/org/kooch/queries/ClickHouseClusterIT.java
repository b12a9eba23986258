package org.kooch.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.clickhouse.SchemaMigrator;
import org.kooch.clickhouse.Sql;
import org.kooch.schemas.PlatformRegistry;

/**
 * Kooch on a ClickHouse cluster: the local one of {@code bin/kooch-clickhouse cluster start} (2
 * shards x 2 replicas, ZooKeeper), migrated with {@code --cluster kooch --shards}. The same rows,
 * several versions of many, are written through the Distributed tables and to the single test
 * server; every query class must answer the same on both, the replicas of a shard must hold the
 * same rows, and with node 1 SIGKILLed the gateway must read and write through the other nodes of
 * its URL list, and node 1 catch up once it is back. The cluster is started once for the class and
 * stopped at the end (left running if it was running before).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClickHouseClusterIT {
  private static final String CLUSTER = "kooch";
  private static final List<String> NODES =
      List.of("http://127.0.0.1:18131", "http://127.0.0.1:18132", "http://127.0.0.1:18133", "http://127.0.0.1:18134");
  /** The tables whose rows the test writes, with the materialized views' targets. */
  private static final List<String> TABLES = List.of("channel_daily", "posts", "channel_flows", "migration_flows", "channel_links",
      "platform_daily", "alerts", "channel_monthly", "post_links_index", "channel_flows_by_account", "channel_daily_counts");
  private static final PlatformRegistry REGISTRY = PlatformRegistry.defaults();
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private static Path script;
  private static boolean wasRunning;
  private static ClickHouseSettings cluster;
  private static ClickHouseSettings single;

  @BeforeAll
  static void startAndMigrate() throws Exception {
    script = script();
    wasRunning = run("cluster", "status") == 0;
    assertThat(run("cluster", "start")).as("bin/kooch-clickhouse cluster start").isZero();
    String db = "cluster_it_" + UUID.randomUUID().toString().substring(0, 8);
    cluster = new ClickHouseSettings(String.join(",", NODES), ClickHouseSettings.WRITER, "", db);
    single = ClickHouseTestServer.freshDatabase("cluster_it_single");
  }

  @AfterAll
  static void dropAndStop() throws Exception {
    try {
      if (cluster != null && run("cluster", "status") == 0) {
        try (ClickHouseGateway g = ClickHouseGateway.forServer(cluster)) {
          g.execute("DROP DATABASE IF EXISTS " + cluster.database() + " ON CLUSTER " + CLUSTER);
        }
      }
    } finally {
      if (!wasRunning && script != null) {
        run("cluster", "stop");
      }
    }
  }

  @Test
  @Order(1)
  void migratesOnceAndTheSecondRunAppliesNothing() {
    // One server's migration refuses a list of nodes it would leave without replicated tables.
    assertThatThrownBy(() -> new SchemaMigrator(cluster).migrate()).hasMessageContaining("--cluster NAME");
    List<String> first = new SchemaMigrator(cluster, CLUSTER, true).migrate();
    assertThat(first).hasSize(SchemaMigrator.migrations().size());
    assertThat(new SchemaMigrator(cluster, CLUSTER, true).migrate()).isEmpty();
    // The single-server migrator finds the cluster's ledger and applies nothing either.
    assertThat(new SchemaMigrator(cluster).migrate()).isEmpty();
    for (String node : NODES) {
      try (ClickHouseGateway g = new ClickHouseGateway(on(node))) {
        assertThat(engine(g, "posts")).isEqualTo("Distributed");
        assertThat(engine(g, "posts_local")).isEqualTo("ReplicatedReplacingMergeTree");
        assertThat(engine(g, "channel_monthly_local")).isEqualTo("ReplicatedAggregatingMergeTree");
        assertThat(engine(g, "v_posts")).isEqualTo("View");
        assertThat(engine(g, "channel_flows_by_account_mv")).isEqualTo("MaterializedView");
        assertThat(g.queryLong("SELECT count() FROM system.columns WHERE database = currentDatabase()"
            + " AND table IN ('channel_flows', 'channel_flows_local', 'channel_flows_by_account', 'channel_flows_by_account_local')"
            + " AND name = 'found_by'")).as("found_by on " + node).isEqualTo(4);
        assertThat(g.queryLong("SELECT count() FROM kooch_schema_migrations FINAL")).isEqualTo(SchemaMigrator.migrations().size());
      }
    }
  }

  @Test
  @Order(2)
  void queriesAnswerAsOnOneServerAndReplicasHoldTheSameRows() {
    try (ClickHouseGateway c = new ClickHouseGateway(cluster); ClickHouseGateway s = new ClickHouseGateway(single)) {
      LogicalRowsQueriesTest.write(c);
      LogicalRowsQueriesTest.write(s);
      writeAlerts(c);
      writeAlerts(s);
      // channel_daily's third delivery repeats the first block for block: with block deduplication
      // off (ClickHouseGateway) each shard keeps the copy, as the single server does, and FINAL
      // collapses it on both.
      assertThat(c.queryLong("SELECT count() FROM channel_daily")).isEqualTo(s.queryLong("SELECT count() FROM channel_daily"));
      assertThat(c.queryLong("SELECT count() FROM channel_daily FINAL")).isEqualTo(s.queryLong("SELECT count() FROM channel_daily FINAL"));
    }
    for (String table : TABLES) {
      waitFor(table + ": each shard's replicas hold the same rows", () -> sameOnReplicas(table));
    }
    // Both shards hold rows: the six channels of channel_daily spread over them.
    for (String table : List.of("channel_daily", "channel_daily_counts", "channel_monthly")) {
      try (ClickHouseGateway n1 = new ClickHouseGateway(on(NODES.get(0))); ClickHouseGateway n3 = new ClickHouseGateway(on(NODES.get(2)))) {
        assertThat(n1.queryLong("SELECT count() FROM " + table + "_local")).as(table + " on shard 1").isPositive();
        assertThat(n3.queryLong("SELECT count() FROM " + table + "_local")).as(table + " on shard 2").isPositive();
      }
    }
    assertSameAnswers(cluster);
  }

  @Test
  @Order(3)
  void readsAndWritesGoOnWhenANodeIsKilledAndItCatchesUp() throws Exception {
    // A writer, one gateway over the URL list, inserts batches of posts before and after node 1 is
    // SIGKILLed: its first insert after the kill meets the dead node and goes to node 2, and every
    // batch lands once (logically).
    AtomicInteger written = new AtomicInteger();
    CountDownLatch killed = new CountDownLatch(1);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try (ClickHouseGateway c = new ClickHouseGateway(cluster)) {
        for (int b = 0; b < 15; b++) {
          if (b == 5 && !killed.await(3, TimeUnit.MINUTES)) {
            throw new AssertionError("node 1 was not killed");
          }
          c.insertJsonEachRow("posts", postBatch(b));
          written.incrementAndGet();
        }
      } catch (Throwable t) {
        failed.set(t);
      }
    }, "cluster-it-writer");
    writer.start();
    waitFor("the writer's first batches", () -> written.get() >= 5 || failed.get() != null);
    assertThat(run("cluster", "kill", "1")).isZero();
    killed.countDown();
    writer.join(TimeUnit.MINUTES.toMillis(3));
    assertThat(writer.isAlive()).isFalse();
    assertThat(failed.get()).as("the writer's failure").isNull();
    assertThat(written.get()).isEqualTo(15);
    try (ClickHouseGateway s = new ClickHouseGateway(single)) {
      for (int b = 0; b < written.get(); b++) {
        s.insertJsonEachRow("posts", postBatch(b));
      }
    }
    assertThat(run("cluster", "pid", "1")).isEqualTo(3);
    // Node 1 is first in the URL list: every request meets its closed port and moves on.
    assertSameAnswers(cluster);
    String newer = "{\"day\":\"2019-02-10\",\"platform\":\"telegram\",\"tracked_channels\":3,\"tracked_subscribers\":3200,"
        + "\"reported_users\":null,\"posts\":0,\"views\":0,\"version\":3}\n";
    try (ClickHouseGateway c = new ClickHouseGateway(cluster); ClickHouseGateway s = new ClickHouseGateway(single)) {
      c.insertJsonEachRow("platform_daily", newer.getBytes(StandardCharsets.UTF_8));
      s.insertJsonEachRow("platform_daily", newer.getBytes(StandardCharsets.UTF_8));
      writeAlerts(c); // written again: still one row each
      assertThat(new PlatformSeries(c, REGISTRY).rows(Filters.all())).singleElement()
          .satisfies(r -> assertThat(r.trackedSubscribers()).isEqualTo(3200));
    }
    assertSameAnswers(cluster);
    try (ClickHouseGateway c = new ClickHouseGateway(cluster)) {
      assertThat(c.queryLong("SELECT count() FROM v_posts WHERE platform = 'eitaa'")).isEqualTo(50L * written.get());
    }
    assertThat(run("cluster", "start-node", "1")).isZero();
    for (String table : TABLES) {
      waitFor(table + ": node 1 caught up with node 2", () -> sameOnReplicas(table));
    }
    assertSameAnswers(cluster);
    assertThat(new SchemaMigrator(cluster, CLUSTER, true).migrate()).isEmpty();
  }

  /** Every query class, as the read-only account, answers on the cluster what it answers on one server. */
  private static void assertSameAnswers(ClickHouseSettings clusterSettings) {
    try (ClickHouseGateway c = new ClickHouseGateway(ClickHouseTestServer.readOnly(clusterSettings));
        ClickHouseGateway s = new ClickHouseGateway(ClickHouseTestServer.readOnly(single))) {
      Filters all = Filters.all();
      Filters feb = new Filters(DateRange.parse("2019-02-01", "2019-02-28"), Set.of());
      assertThat(new MigrationFlows(c, REGISTRY).rows(all)).isEqualTo(new MigrationFlows(s, REGISTRY).rows(all));
      assertThat(new MigrationFlows(c, REGISTRY).query(feb)).isEqualTo(new MigrationFlows(s, REGISTRY).query(feb));
      assertThat(new PlatformSeries(c, REGISTRY).query(all)).isEqualTo(new PlatformSeries(s, REGISTRY).query(all));
      DateRange range = DateRange.parse("2019-02-01", "2019-02-28");
      assertThat(new ChannelPage(c, REGISTRY).query("telegram", "ch0", range))
          .isEqualTo(new ChannelPage(s, REGISTRY).query("telegram", "ch0", range));
      for (Filters f : List.of(all, feb, new Filters(DateRange.parse("2019-01-15", "2019-03-20"), Set.of("soroush")))) {
        List<ChannelChanges.Change> expected = new ChannelChanges(s).query(f, ChannelChanges.Order.CHANGE, ChannelChanges.MAX_LIMIT);
        assertThat(expected).isNotEmpty();
        assertThat(new ChannelChanges(c).query(f, ChannelChanges.Order.CHANGE, ChannelChanges.MAX_LIMIT)).isEqualTo(expected);
      }
      Instant since = Instant.parse("2018-01-01T00:00:00Z");
      assertThat(new Alerts(c).since(since, 100)).hasSize(2).isEqualTo(new Alerts(s).since(since, 100));
      for (String view : List.of("v_channel_daily", "v_posts", "v_channel_flows", "v_migration_flows", "v_platform_daily", "v_alerts",
          "v_channel_links")) {
        assertThat(rows(c, "SELECT * FROM " + view)).as(view).isEqualTo(rows(s, "SELECT * FROM " + view));
      }
    }
  }

  /** Batch {@code b} of the writer: 50 posts over ten channels, each post's version 1. */
  private static byte[] postBatch(int b) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      out.append("{\"platform\":\"eitaa\",\"channel\":\"w").append(i % 10).append("\",\"post_id\":").append(b * 50 + i)
          .append(",\"published_at\":\"2019-03-01 10:00:00\",\"collected_at\":\"2019-03-01 11:00:00\",\"text\":\"batch ")
          .append(b).append("\",\"views\":").append(i).append(",\"forwards\":null,\"links\":[],\"source\":\"it\",\"version\":1}\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Two alerts, each written twice with versions: v_alerts keeps the first raising. */
  private static void writeAlerts(ClickHouseGateway g) {
    List<String> rows = new ArrayList<>();
    for (int version = 1; version <= 2; version++) {
      for (String ch : List.of("ch0", "ch2")) {
        rows.add("{\"alert_id\":\"id-" + ch + "\",\"pair\":\"soroush/" + ch + "|telegram/" + ch + "\",\"kind\":\"announced\","
            + "\"from_platform\":\"telegram\",\"from_channel\":\"" + ch + "\",\"to_platform\":\"soroush\",\"to_channel\":\"" + ch + "\","
            + "\"evidence\":\"post_link\",\"confidence\":0.8,\"post_id\":" + version + ",\"seen_at\":\"2019-02-10 00:00:0" + version
            + "\",\"raised_at\":\"2019-02-10 00:00:0" + version + "\",\"version\":" + (10 - version) + "}");
      }
    }
    g.insertJsonEachRow("alerts", (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True when node 1 and node 2 (shard 1), and node 3 and node 4 (shard 2), hold the same rows of
   * the table: its logical rows, as FINAL returns them (channel_monthly: its merged states).
   */
  private static boolean sameOnReplicas(String table) {
    String sql = table.equals("channel_monthly")
        ? "SELECT month, platform, channel, minMerge(first_day) AS fd, argMinMerge(first) AS f, maxMerge(last_day) AS ld,"
            + " argMaxMerge(last) AS l FROM channel_monthly_local GROUP BY month, platform, channel"
        : "SELECT * FROM " + table + "_local FINAL";
    List<List<String>> per = new ArrayList<>();
    for (String node : NODES) {
      try (ClickHouseGateway g = new ClickHouseGateway(on(node))) {
        per.add(rows(g, sql));
      } catch (RuntimeException e) {
        return false;
      }
    }
    return per.get(0).equals(per.get(1)) && per.get(2).equals(per.get(3));
  }

  /** The rows of a query as JSON text, sorted. */
  private static List<String> rows(ClickHouseGateway g, String sql) {
    return g.query(sql).stream().map(Object::toString).sorted().toList();
  }

  private static String engine(ClickHouseGateway g, String table) {
    return g.query("SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = " + Sql.literal(table))
        .get(0).get("engine").asText();
  }

  private static ClickHouseSettings on(String node) {
    return new ClickHouseSettings(node, cluster.user(), cluster.password(), cluster.database());
  }

  private static void waitFor(String what, Supplier<Boolean> condition) {
    Instant end = Instant.now().plus(DEADLINE);
    while (!condition.get()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }

  /** Runs {@code bin/kooch-clickhouse ARGS}; returns its exit code. */
  private static int run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(script.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("bin/kooch-clickhouse " + String.join(" ", args) + " did not finish: " + out);
    }
    System.out.println("bin/kooch-clickhouse " + String.join(" ", args) + " -> " + p.exitValue() + "\n" + out);
    return p.exitValue();
  }

  private static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path s = dir.resolve("bin/kooch-clickhouse");
      if (Files.isExecutable(s)) {
        return s;
      }
    }
    throw new IllegalStateException("bin/kooch-clickhouse not found above " + Path.of("").toAbsolutePath());
  }
}
