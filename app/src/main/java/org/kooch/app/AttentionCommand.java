package org.kooch.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.queries.Attention;
import org.kooch.queries.Filters;
import org.kooch.schemas.PlatformRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch attention}: views per platform and day with shares, per channel, or the attention pairs moved (channel_attention). */
@Command(name = "attention", mixinStandardHelpOptions = true,
    description = {"Attention: views of each day's posts, as last observed and at 24 h of age (a fair comparison).",
        "--by platform (default): per platform and day, with its share of all platforms' attention;",
        "--by channel: the channels with the most views at 24 h over the range;",
        "--by pair: per linked pair with flows, the views at 24 h lost and gained against each side's baseline."})
final class AttentionCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin QueryOptions query;

  @Option(names = "--by", defaultValue = "platform", paramLabel = "platform|channel|pair",
      description = "What a row is: platform (and day, default), channel, or pair.")
  String by;

  @Option(names = "--limit", defaultValue = "50", description = "--by channel: at most this many channels (default ${DEFAULT-VALUE}, at most 10000).")
  int limit;

  @Override
  public Integer call() {
    String rows = by.strip().toLowerCase(Locale.ROOT);
    if (!rows.equals("platform") && !rows.equals("channel") && !rows.equals("pair")) {
      throw new IllegalArgumentException("--by must be platform, channel or pair, not '" + by + "'");
    }
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("--limit must be 1 to 10000, got " + limit);
    }
    Filters f = query.filters();
    try (ClickHouseGateway g = new ClickHouseGateway(connection.clickHouseReadOnly())) {
      Attention attention = new Attention(g, PlatformRegistry.defaults());
      query.format.print(switch (rows) {
        case "channel" -> Attention.channelTable(attention.channels(f, limit));
        case "pair" -> Attention.pairTable(attention.pairs(f));
        default -> Attention.platformTable(attention.platformDays(f));
      }, Utf8Out.stdout());
    }
    return 0;
  }
}
