package org.kooch.bench;

import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.SchemaMigrator;
import org.kooch.clickhouse.Sql;

/** The benchmarks' own databases: dropped with whatever an earlier run left, then migrated afresh. */
final class ScratchDatabase {
  private ScratchDatabase() {}

  static void recreate(ClickHouseSettings scratch) {
    try (ClickHouseGateway server = ClickHouseGateway.forServer(scratch)) {
      server.execute("DROP DATABASE IF EXISTS " + Sql.identifier(scratch.database()));
    }
    new SchemaMigrator(scratch).migrate();
  }
}
