package org.kooch.ingest.collect.telegramweb;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.kooch.ingest.collect.Count;
import org.kooch.ingest.collect.Counts;
import org.kooch.ingest.collect.MarkupDriftException;
import org.kooch.ingest.collect.NoPublicPreviewException;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.PersianText;
import org.kooch.schemas.PlatformRegistry;

/**
 * Parses a channel preview page (t.me/s/name, eitaa.com/name) into header, messages and the
 * paging cursor. A page without the channel header, without the message history, or whose
 * messages all fail to parse is markup drift (an error naming the URL), never an empty page; a
 * plain channel page where a preview was asked for means the channel shows no public preview.
 */
public final class PreviewPageParser {
  // Counter types that are the audience, in the languages the sites use (compared as matchKey).
  private static final List<String> AUDIENCE = List.of("subscriber", "member", "follower", "دنبالکننده", "عضو", "مشترک");

  private final PreviewSite site;
  private final PlatformRegistry registry;
  private final MessageParser messages;

  public PreviewPageParser(PreviewSite site, PlatformRegistry registry) {
    this.site = site;
    this.registry = registry;
    this.messages = new MessageParser(site, registry);
  }

  public PreviewPage parse(String html, URI url, String channel) {
    Document doc = Jsoup.parse(html, url.toString());
    Element info = doc.selectFirst(site.cls("channel_info"));
    if (info == null) {
      if (doc.selectFirst(site.cls("page")) != null) {
        throw noPreview(doc, url, channel);
      }
      throw new MarkupDriftException(url.toString(), "no channel header (" + site.cls("channel_info") + ")");
    }
    if (doc.selectFirst(site.cls("channel_history")) == null) {
      throw new MarkupDriftException(url.toString(), "a channel header but no message history (" + site.cls("channel_history") + ")");
    }
    int dataPosts = doc.select("[data-post]").size();
    List<PreviewMessage> read = new ArrayList<>();
    List<BadMessage> bad = new ArrayList<>();
    for (Element m : doc.select("div" + site.cls("widget_message") + "[data-post]")) {
      long id;
      try {
        id = MessageParser.postId(m, channel);
      } catch (InvalidRecordException e) {
        throw new MarkupDriftException(url.toString(), e.getMessage());
      }
      try {
        read.add(messages.parse(m, channel));
      } catch (InvalidRecordException e) {
        bad.add(new BadMessage(id, e.getMessage(), m.outerHtml()));
      }
    }
    if (dataPosts > 0 && read.isEmpty()) {
      throw new MarkupDriftException(
          url.toString(),
          bad.isEmpty()
              ? dataPosts + " posts (data-post) but none in " + site.cls("widget_message") + " markup"
              : "none of " + bad.size() + " messages could be read (first: " + bad.get(0).reason() + ")");
    }
    return new PreviewPage(header(info), read, bad, before(doc));
  }

  private ChannelHeader header(Element info) {
    Element title = info.selectFirst(site.cls("channel_info_header_title"));
    Element description = info.selectFirst(site.cls("channel_info_description"));
    String descriptionText = description == null ? null : RichText.text(description);
    List<String> links = description == null ? List.of() : RichText.links(description, descriptionText, registry);
    Count subscribers = null;
    for (Element counter : info.select(site.cls("channel_info_counter"))) {
      Element value = counter.selectFirst(".counter_value");
      Element type = counter.selectFirst(".counter_type");
      String key = type == null ? "" : PersianText.matchKey(type.text()).toLowerCase(Locale.ROOT);
      if (value != null && AUDIENCE.stream().anyMatch(key::contains)) {
        subscribers = Counts.parse(value.text());
        break;
      }
    }
    return new ChannelHeader(title == null ? null : RichText.text(title).strip(), descriptionText, links, subscribers);
  }

  private Long before(Document doc) {
    Element more = doc.selectFirst("a.tme_messages_more[data-before], a" + site.cls("messages_more") + "[data-before]");
    if (more == null || !more.attr("data-before").matches("\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(more.attr("data-before"));
  }

  private NoPublicPreviewException noPreview(Document doc, URI url, String channel) {
    Element title = doc.selectFirst(site.cls("page_title"));
    if (title == null) {
      return new NoPublicPreviewException("no public channel @" + channel + ": " + url + " shows no channel (does the name exist?)");
    }
    Element extra = doc.selectFirst(site.cls("page_extra"));
    return new NoPublicPreviewException(
        "@" + channel + " (\"" + title.text() + "\"" + (extra == null ? "" : ", " + extra.text()) + ") has no public web preview: "
            + url + " shows only its page; the owner may have turned the preview off, or it is a group, user or bot");
  }
}
