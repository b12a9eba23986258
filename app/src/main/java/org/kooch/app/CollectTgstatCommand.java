package org.kooch.app;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.kooch.ingest.collect.http.Secret;
import org.kooch.ingest.collect.tgstat.TgstatCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch collect tgstat}: current counts and daily history from the TGStat API. */
@Command(
    name = "tgstat",
    mixinStandardHelpOptions = true,
    description = {
      "Telegram subscriber counts from the TGStat API: channels/stat (now) and channels/subscribers (daily history).",
      "The API token comes only from the environment: KOOCH_TGSTAT_TOKEN."
    })
final class CollectTgstatCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin CollectOptions collect;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD",
      description = "First day of history on a channel's first run (default: 30 days ago); later runs resume after the last day published.")
  LocalDate since;

  @Override
  public Integer call() throws Exception {
    Secret token = Secret.fromEnvironment(TgstatCollector.TOKEN_VARIABLE, "your TGStat API token");
    LocalDate first = since != null ? since : LocalDate.now(ZoneOffset.UTC).minusDays(30);
    TgstatCollector collector = new TgstatCollector(collect.baseUrl(TgstatCollector.URL), token, collect.policy(), first, Clock.systemUTC());
    return CollectRun.run(connection, collect, collector);
  }
}
