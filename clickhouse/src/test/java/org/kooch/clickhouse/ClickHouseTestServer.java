package org.kooch.clickhouse;

import java.util.UUID;

/**
 * The ClickHouse server tests use: the one {@code bin/kooch-clickhouse start} runs (or
 * {@code KOOCH_TEST_CLICKHOUSE_URL}), shared by the whole run. Each caller gets its own fresh
 * database, so tests do not see each other's rows.
 */
public final class ClickHouseTestServer {
  private static final String URL =
      System.getenv().getOrDefault("KOOCH_TEST_CLICKHOUSE_URL", ClickHouseSettings.LOCAL_URL);
  /**
   * With {@code KOOCH_TEST_CLICKHOUSE_CLUSTER=NAME} (and the nodes' URLs in {@code KOOCH_TEST_CLICKHOUSE_URL})
   * every fresh database is migrated as {@code kooch db migrate --cluster NAME --shards} does, so any
   * test can be run against a cluster, e.g. the local one of {@code bin/kooch-clickhouse cluster start}.
   */
  private static final String CLUSTER = System.getenv("KOOCH_TEST_CLICKHOUSE_CLUSTER");

  private ClickHouseTestServer() {}

  /** Settings for a new, empty, migrated database named after the caller. */
  public static ClickHouseSettings freshDatabase(String prefix) {
    String db = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).replaceAll("[^A-Za-z0-9_]", "_");
    ClickHouseSettings settings = new ClickHouseSettings(URL, ClickHouseSettings.WRITER, "", db);
    try (ClickHouseGateway g = ClickHouseGateway.forServer(settings)) {
      if (!g.ping()) {
        throw new IllegalStateException(
            "no ClickHouse at " + URL + ": start the local one with `bin/kooch-clickhouse start`");
      }
    }
    new SchemaMigrator(settings, CLUSTER == null || CLUSTER.isBlank() ? null : CLUSTER, CLUSTER != null && !CLUSTER.isBlank()).migrate();
    return settings;
  }

  /** The same database as the read-only account, the way the dashboard, the query commands and the reports read it. */
  public static ClickHouseSettings readOnly(ClickHouseSettings settings) {
    return settings.withUser(ClickHouseSettings.READER, System.getenv().getOrDefault("KOOCH_CLICKHOUSE_READONLY_PASSWORD", ""));
  }
}
