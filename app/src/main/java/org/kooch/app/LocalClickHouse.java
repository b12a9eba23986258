package org.kooch.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.SchemaMigrator;

/** Makes sure ClickHouse answers and the schema is current, starting the local server if it is ours. */
public final class LocalClickHouse {
  private LocalClickHouse() {}

  public static void ensureReady(ClickHouseSettings settings, boolean startLocal) throws Exception {
    if (!ping(settings)) {
      String home = System.getenv("KOOCH_HOME");
      Path script = home == null ? null : Path.of(home, "bin", "kooch-clickhouse");
      if (startLocal && settings.url().equals(ClickHouseSettings.LOCAL_URL) && script != null && Files.isExecutable(script)) {
        System.err.println("starting the local ClickHouse: " + script + " start");
        int rc = new ProcessBuilder(script.toString(), "start").inheritIO().start().waitFor();
        if (rc != 0) {
          throw new IllegalStateException("bin/kooch-clickhouse start failed (exit " + rc + ")");
        }
      }
      if (!ping(settings)) {
        throw new IllegalStateException(
            "no ClickHouse answers at " + settings.url() + " (start the local one with bin/kooch-clickhouse start, or pass --clickhouse URL)");
      }
    }
    new SchemaMigrator(settings).migrate().forEach(f -> System.err.println("applied " + f));
  }

  private static boolean ping(ClickHouseSettings settings) {
    try (ClickHouseGateway g = ClickHouseGateway.forServer(settings)) {
      return g.ping();
    }
  }
}
