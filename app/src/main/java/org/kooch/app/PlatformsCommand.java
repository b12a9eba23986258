package org.kooch.app;

import java.util.concurrent.Callable;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.queries.PlatformSeries;
import org.kooch.schemas.PlatformRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kooch platforms}: platform audiences per day (v_platform_daily), as the dashboard's first page shows them. */
@Command(name = "platforms", mixinStandardHelpOptions = true,
    description = "Tracked channels, tracked subscribers and reported users per platform and day.")
final class PlatformsCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin QueryOptions query;

  @Override
  public Integer call() {
    try (ClickHouseGateway g = new ClickHouseGateway(connection.clickHouseReadOnly())) {
      PlatformSeries platforms = new PlatformSeries(g, PlatformRegistry.defaults());
      query.format.print(PlatformSeries.table(platforms.rows(query.filters())), Utf8Out.stdout());
    }
    return 0;
  }
}
