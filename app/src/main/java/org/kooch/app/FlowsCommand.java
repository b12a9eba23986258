package org.kooch.app;

import java.util.concurrent.Callable;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.queries.Filters;
import org.kooch.queries.MigrationFlows;
import org.kooch.schemas.PlatformRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch flows}: estimated migration between platforms (v_migration_flows), totals per pair or day by day. */
@Command(name = "flows", mixinStandardHelpOptions = true,
    description = {"Estimated subscribers who moved between platforms: totals per platform pair with their range,",
        "or one row per pair and day with --daily. --platform keeps pairs that touch a platform at either end;",
        "--found-by keeps the channel pairs found by an announcement or by inference."})
final class FlowsCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin QueryOptions query;

  @Option(names = "--daily", description = "One row per pair and day instead of totals.")
  boolean daily;

  @Option(names = "--found-by", paramLabel = "announced|inferred",
      description = "Only flows on channel pairs found this way: announced (one links the other) or inferred (shared posts, forwards, the same handle). Default: all; inferred_flow is always the part on inferred pairs.")
  String foundBy;

  @Override
  public Integer call() {
    Filters f = query.filters();
    try (ClickHouseGateway g = new ClickHouseGateway(connection.clickHouseReadOnly())) {
      MigrationFlows flows = new MigrationFlows(g, PlatformRegistry.defaults());
      var rows = flows.rows(f, foundBy);
      query.format.print(daily ? MigrationFlows.dailyTable(rows) : MigrationFlows.totalsTable(flows.pairs(rows)),
          Utf8Out.stdout());
    }
    return 0;
  }
}
