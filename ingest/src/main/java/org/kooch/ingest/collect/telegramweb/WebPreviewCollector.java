package org.kooch.ingest.collect.telegramweb;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.ingest.collect.ChannelHarvest;
import org.kooch.ingest.collect.Collector;
import org.kooch.ingest.collect.http.FetchException;
import org.kooch.ingest.collect.http.FetchResponse;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.state.ChannelState;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.SubscriberCount;

/**
 * Collects a channel from its public web preview (telegram-web, eitaa-web): new posts since the
 * last run, the profile when it changed, and the subscriber count: exact from the channel page
 * where the site has one (source "telegram-web:exact"), else the header's counter (":rounded"
 * when it is "1.6M"-like).
 */
public final class WebPreviewCollector implements Collector {
  private final PreviewSite site;
  private final HttpFetcher fetcher;
  private final PreviewPager pager;
  private final ChannelPageParser channelPages;
  private final Clock clock;

  public WebPreviewCollector(PreviewSite site, HttpFetcher fetcher, int maxPages, PlatformRegistry registry, Clock clock) {
    this.site = site;
    this.fetcher = fetcher;
    this.pager = new PreviewPager(site, fetcher, new PreviewPageParser(site, registry), maxPages);
    this.channelPages = new ChannelPageParser(site);
    this.clock = clock;
  }

  @Override
  public String source() {
    return site.source();
  }

  @Override
  public ChannelHarvest collect(String channel, ChannelState state) {
    Instant now = clock.instant();
    PreviewHistory history = pager.read(channel, state.highestPostId());
    List<SpecificRecord> records = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    history.fresh().values().forEach(m -> records.add(PreviewRecords.post(site, channel, m, now)));
    String fingerprint = PreviewRecords.fingerprint(history.header());
    if (!fingerprint.equals(state.profileHash())) {
      records.add(PreviewRecords.profile(site, channel, history.header(), now));
    }
    SubscriberCount count = subscribers(channel, history.header(), now, notes);
    if (count != null) {
      records.add(count);
    }
    if (history.note() != null) {
      notes.add(history.note());
    }
    ChannelState next = state.withHighestPostId(history.highestId()).withProfileHash(fingerprint);
    return new ChannelHarvest(records, history.dead(), next, notes);
  }

  private SubscriberCount subscribers(String channel, ChannelHeader header, Instant now, List<String> notes) {
    if (site.hasChannelPage()) {
      URI url = site.channelPageUrl(channel);
      try {
        FetchResponse r = fetcher.get(url);
        ChannelPage page = r.ok() ? channelPages.parse(r.body(), url.toString()) : null;
        if (page != null && page.subscribers() != null) {
          return PreviewRecords.subscribers(site, channel, page.subscribers().value(), true, now);
        }
        notes.add(r.ok() ? "no exact subscriber count at " + url + " (markup changed?)" : url + " answered HTTP " + r.status());
      } catch (FetchException e) {
        notes.add(e.getMessage());
      }
    }
    if (header.subscribers() == null) {
      notes.add("no subscriber counter in the channel header");
      return null;
    }
    if (site.hasChannelPage()) {
      notes.add("using the header's count");
    }
    return PreviewRecords.subscribers(site, channel, header.subscribers().value(), header.subscribers().exact(), now);
  }
}
