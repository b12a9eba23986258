package org.kooch.ingest.collect.telegramweb;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.kooch.ingest.collect.Count;
import org.kooch.ingest.collect.Counts;
import org.kooch.schemas.InvalidRecordException;

/**
 * Reads t.me/name: {@code div.tgme_page_extra} says "1 612 907 subscribers" for a channel (exact,
 * unlike the preview's "1.6M"), "… members" for a group, "@name" for a user.
 */
final class ChannelPageParser {
  private final PreviewSite site;

  ChannelPageParser(PreviewSite site) {
    this.site = site;
  }

  /** The page, with {@code subscribers} null when the page shows no count of subscribers. */
  ChannelPage parse(String html, String url) {
    Document doc = Jsoup.parse(html, url);
    Element title = doc.selectFirst(site.cls("page_title"));
    Element extra = doc.selectFirst(site.cls("page_extra"));
    Count count = null;
    if (extra != null && extra.text().toLowerCase(Locale.ROOT).contains("subscriber")) {
      try {
        count = Counts.parse(extra.text());
      } catch (InvalidRecordException e) {
        count = null; // the caller falls back to the rounded counter and says so
      }
    }
    return new ChannelPage(title == null ? null : title.text(), count);
  }
}
