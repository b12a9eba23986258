package org.kooch.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.kooch.ingest.collect.eitaaweb.EitaaWeb;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.http.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch collect eitaa-web}: public eitaa.com channel pages. */
@Command(
    name = "eitaa-web",
    mixinStandardHelpOptions = true,
    description = "Posts, profile and subscriber count (Persian counters) from https://eitaa.com/<channel>.")
final class CollectEitaaWebCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin CollectOptions collect;

  @Option(names = "--max-pages", defaultValue = "5", description = "Pages to read back per channel and run (default ${DEFAULT-VALUE}).")
  int maxPages;

  @Override
  public Integer call() throws Exception {
    HttpFetcher fetcher = new HttpFetcher(collect.policy(), Redactor.NONE);
    return CollectRun.run(connection, collect, EitaaWeb.collector(collect.baseUrl(EitaaWeb.URL), fetcher, maxPages, Clock.systemUTC()));
  }
}
