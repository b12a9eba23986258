package org.kooch.ingest.collect.eitaaweb;

import java.net.URI;
import java.time.Clock;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.telegramweb.PreviewSite;
import org.kooch.ingest.collect.telegramweb.WebPreviewCollector;
import org.kooch.schemas.PlatformRegistry;

/**
 * Eitaa's public channel pages (eitaa.com/name) use Telegram's preview markup with the
 * {@code etme_} prefix and Persian counters ("۱۲٫۵ هزار دنبال‌کننده"), so the telegram-web parser
 * reads them with a different {@link PreviewSite}. Eitaa has no separate page with an exact count:
 * counts are exact only when the header shows every digit.
 */
public final class EitaaWeb {
  public static final URI URL = URI.create("https://eitaa.com");

  private EitaaWeb() {}

  public static PreviewSite site(URI baseUrl) {
    return new PreviewSite("eitaa-web", "eitaa", "etme_", baseUrl, "/", false);
  }

  public static WebPreviewCollector collector(URI baseUrl, HttpFetcher fetcher, int maxPages, Clock clock) {
    return new WebPreviewCollector(site(baseUrl), fetcher, maxPages, PlatformRegistry.defaults(), clock);
  }
}
