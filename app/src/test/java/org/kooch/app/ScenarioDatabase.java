package org.kooch.app;

import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.Simulation;

/**
 * The April 2018 scenario run once per test JVM through the real Flink job into its own ClickHouse
 * database (about 15 s), shared by the tests that only read it: the accuracy guard, the browser
 * test, the query commands and the reports.
 */
final class ScenarioDatabase {
  private static ScenarioDatabase shared;

  final ClickHouseSettings settings;
  final Simulation simulation;

  private ScenarioDatabase(ClickHouseSettings settings, Simulation simulation) {
    this.settings = settings;
    this.simulation = simulation;
  }

  static synchronized ScenarioDatabase shared() throws Exception {
    if (shared == null) {
      ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("scenario");
      shared = new ScenarioDatabase(ch, AccuracyBenchmark.land("seed 2018", Scenario.load(Scenario.IRAN_2018), ch, 2));
    }
    return shared;
  }

  /** The same database as the read-only user, the way the dashboard, the query commands and the reports read it. */
  ClickHouseSettings readOnly() {
    return settings.withUser("kooch_readonly", System.getenv().getOrDefault("KOOCH_CLICKHOUSE_READONLY_PASSWORD", ""));
  }

  /** The connection options of a kooch command that reads this database. */
  String[] connection() {
    return new String[] {"--clickhouse", settings.url(), "--database", settings.database()};
  }
}
