package org.kooch.ingest.collect.telegramweb;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.kooch.ingest.collect.CollectException;
import org.kooch.ingest.collect.DeadRecord;
import org.kooch.ingest.collect.MarkupDriftException;
import org.kooch.ingest.collect.NoPublicPreviewException;
import org.kooch.ingest.collect.http.FetchResponse;
import org.kooch.ingest.collect.http.HttpFetcher;

/**
 * Pages back through a channel's preview, newest page first, following {@code ?before=<id>} from
 * the "more" link, until it reaches a post already published, the channel's first post, or
 * {@code maxPages}. Only posts newer than the last published one are kept, so a run never
 * returns a post an earlier run published.
 */
final class PreviewPager {
  private final PreviewSite site;
  private final HttpFetcher fetcher;
  private final PreviewPageParser parser;
  private final int maxPages;

  PreviewPager(PreviewSite site, HttpFetcher fetcher, PreviewPageParser parser, int maxPages) {
    if (maxPages < 1) {
      throw new IllegalArgumentException("--max-pages must be at least 1");
    }
    this.site = site;
    this.fetcher = fetcher;
    this.parser = parser;
    this.maxPages = maxPages;
  }

  /** Reads pages for {@code channel}; {@code known} is the newest post already published, or null. */
  PreviewHistory read(String channel, Long known) {
    ChannelHeader header = null;
    TreeMap<Long, PreviewMessage> fresh = new TreeMap<>();
    List<DeadRecord> dead = new ArrayList<>();
    Set<Long> refused = new HashSet<>();
    Long highest = known;
    Long before = null;
    int pages = 0;
    String note = null;
    while (true) {
      URI url = site.previewUrl(channel, before);
      PreviewPage page = parser.parse(html(url, channel), url, channel);
      pages++;
      if (header == null) {
        header = page.header();
      }
      for (PreviewMessage m : page.messages()) {
        if (known == null || m.id() > known) {
          fresh.putIfAbsent(m.id(), m);
          highest = highest == null ? m.id() : Math.max(highest, m.id());
        }
      }
      for (BadMessage b : page.bad()) {
        if ((known == null || b.id() > known) && refused.add(b.id())) {
          dead.add(DeadRecord.of(url + "#" + b.id(), b.reason(), b.html()));
          highest = highest == null ? b.id() : Math.max(highest, b.id());
        }
      }
      boolean reachedKnown = known != null && page.oldestId().isPresent() && page.oldestId().getAsLong() <= known;
      Long next = page.before();
      if (reachedKnown || next == null || page.oldestId().isEmpty()) {
        break;
      }
      if (before != null && next >= before) {
        throw new MarkupDriftException(url.toString(), "paging does not go back (more link before=" + next + ")");
      }
      if (pages >= maxPages) {
        note = known == null
            ? "first run: read the newest " + pages + (pages == 1 ? " page" : " pages") + "; older posts were not collected"
            : "stopped at --max-pages " + pages + " before reaching post " + known + "; posts between it and " + next + " were skipped";
        break;
      }
      before = next;
    }
    return new PreviewHistory(header, fresh, dead, highest, note);
  }

  private String html(URI url, String channel) {
    FetchResponse r = fetcher.get(url);
    if (r.status() == 404) {
      throw new NoPublicPreviewException("no public channel @" + channel + ": " + url + " answered HTTP 404");
    }
    if (!r.ok()) {
      throw new CollectException(url + " answered HTTP " + r.status());
    }
    return r.body();
  }
}
