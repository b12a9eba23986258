package org.kooch.app;

import java.util.concurrent.Callable;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.queries.ChannelChanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch channels}: how channels' audiences changed over the range (v_channel_daily), top gainers first by default. */
@Command(name = "channels", mixinStandardHelpOptions = true,
    description = "Each channel's first and last subscriber count in the range and the change, with its title.")
final class ChannelsCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin QueryOptions query;

  @Option(names = "--sort", defaultValue = "change", paramLabel = "gain|loss|size|change",
      description = "gain: gaining channels only, largest first; loss: losing only, largest loss first; size: by last count;"
          + " change (default): every channel, from largest gain to largest loss.")
  String sort;

  @Option(names = "--limit", defaultValue = "50", description = "At most this many channels (default ${DEFAULT-VALUE}, at most 1000).")
  int limit;

  @Override
  public Integer call() {
    ChannelChanges.Order order;
    try {
      order = ChannelChanges.Order.valueOf(sort.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sort must be gain, loss, size or change, not '" + sort + "'");
    }
    try (ClickHouseGateway g = new ClickHouseGateway(connection.clickHouseReadOnly())) {
      query.format.print(ChannelChanges.table(new ChannelChanges(g).query(query.filters(), order, limit)), Utf8Out.stdout());
    }
    return 0;
  }
}
