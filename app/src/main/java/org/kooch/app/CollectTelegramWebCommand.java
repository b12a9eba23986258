package org.kooch.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.http.Redactor;
import org.kooch.ingest.collect.telegramweb.PreviewSite;
import org.kooch.ingest.collect.telegramweb.WebPreviewCollector;
import org.kooch.schemas.PlatformRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch collect telegram-web}: public t.me/s previews. */
@Command(
    name = "telegram-web",
    mixinStandardHelpOptions = true,
    description = {
      "Posts, profile and subscriber count from https://t.me/s/<channel> (paging back with ?before=),",
      "the exact count from https://t.me/<channel> (source telegram-web:exact, else :rounded)."
    })
final class CollectTelegramWebCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin CollectOptions collect;

  @Option(names = "--max-pages", defaultValue = "5",
      description = "Preview pages (about 20 posts each) to read back per channel and run (default ${DEFAULT-VALUE}).")
  int maxPages;

  @Override
  public Integer call() throws Exception {
    PreviewSite site = PreviewSite.telegram(collect.baseUrl(PreviewSite.TELEGRAM_URL));
    WebPreviewCollector collector =
        new WebPreviewCollector(site, new HttpFetcher(collect.policy(), Redactor.NONE), maxPages, PlatformRegistry.defaults(), Clock.systemUTC());
    return CollectRun.run(connection, collect, collector);
  }
}
