package org.kooch.app;

import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.ScenarioSimulator;
import org.kooch.ingest.simulate.Simulation;
import org.kooch.ingest.simulate.TimedRecord;
import org.kooch.streaming.RecordReplay;

/**
 * The April 2018 scenario run once per test JVM through the real Flink job into its own ClickHouse
 * database (about 15 s), shared by the tests that only read it: the browser test, the query
 * commands and the reports.
 */
final class ScenarioDatabase {
  private static ScenarioDatabase shared;

  final ClickHouseSettings settings;

  private ScenarioDatabase(ClickHouseSettings settings) {
    this.settings = settings;
  }

  static synchronized ScenarioDatabase shared() throws Exception {
    if (shared == null) {
      ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("scenario");
      Simulation sim = ScenarioSimulator.run(Scenario.load(Scenario.IRAN_2018));
      RecordReplay.run("scenario", sim.records().stream().map(TimedRecord::record).toList(), ch, 2);
      shared = new ScenarioDatabase(ch);
    }
    return shared;
  }

  /** The same database as the read-only user, the way the dashboard, the query commands and the reports read it. */
  ClickHouseSettings readOnly() {
    return ClickHouseTestServer.readOnly(settings);
  }

  /** The connection options of a kooch command that reads this database. */
  String[] connection() {
    return new String[] {"--clickhouse", settings.url(), "--database", settings.database()};
  }
}
