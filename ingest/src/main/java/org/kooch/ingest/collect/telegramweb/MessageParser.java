package org.kooch.ingest.collect.telegramweb;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.kooch.ingest.collect.Counts;
import org.kooch.schemas.ChannelLink;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.PostRef;

/**
 * Reads one {@code .tgme_widget_message} (or {@code .etme_...}) element into a
 * {@link PreviewMessage}. A message that lacks what every post has (id, time) or carries a value
 * that is not what it claims (views "1.2X") is refused with a reason for the dead-letter topic.
 */
final class MessageParser {
  private final PreviewSite site;
  private final PlatformRegistry registry;

  MessageParser(PreviewSite site, PlatformRegistry registry) {
    this.site = site;
    this.registry = registry;
  }

  /** The post id in data-post ("khamenei_ir/30774"), checking it belongs to {@code channel}. */
  static long postId(Element message, String channel) {
    String dataPost = message.attr("data-post");
    int slash = dataPost.lastIndexOf('/');
    if (slash <= 0 || !dataPost.substring(slash + 1).matches("\\d{1,18}")) {
      throw new InvalidRecordException("data-post '" + dataPost + "' is not channel/id");
    }
    String owner = dataPost.substring(0, slash).toLowerCase(Locale.ROOT);
    if (!owner.equals(channel)) {
      throw new InvalidRecordException("post " + dataPost + " is not from @" + channel);
    }
    return Long.parseLong(dataPost.substring(slash + 1));
  }

  PreviewMessage parse(Element message, String channel) {
    long id = postId(message, channel);
    Element time = message.selectFirst(site.cls("widget_message_date") + " time[datetime]");
    if (time == null) {
      throw new InvalidRecordException("post " + id + " has no time[datetime]");
    }
    Instant published;
    try {
      published = OffsetDateTime.parse(time.attr("datetime")).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException("post " + id + ": datetime '" + time.attr("datetime") + "' is not ISO-8601 with an offset");
    }
    // The message's own text is a direct child of the bubble; a quoted reply has its own text element.
    Element body = Optional.ofNullable(message.selectFirst(site.cls("widget_message_bubble") + " > " + site.cls("widget_message_text")))
        .orElse(message.selectFirst(site.cls("widget_message_text")));
    String text = body == null ? "" : RichText.text(body);
    List<String> links = new ArrayList<>(body == null ? List.of() : RichText.links(body, text, registry));
    Element preview = message.selectFirst("a" + site.cls("widget_message_link_preview") + "[href]");
    if (preview != null && RichText.isWebLink(preview.attr("abs:href")) && !links.contains(preview.attr("abs:href"))) {
      links.add(preview.attr("abs:href"));
    }
    Element views = message.selectFirst(site.cls("widget_message_views"));
    Long viewCount = null;
    if (views != null) {
      try {
        viewCount = Counts.parse(views.text()).value();
      } catch (InvalidRecordException e) {
        throw new InvalidRecordException("post " + id + ": views " + e.getMessage());
      }
    }
    return new PreviewMessage(id, published, text, links, viewCount, forwardedFrom(message), edited(message));
  }

  private PostRef forwardedFrom(Element message) {
    Element from = message.selectFirst(site.cls("widget_message_forwarded_from_name"));
    if (from == null) {
      return null;
    }
    if (from.hasAttr("href")) {
      Optional<ChannelLink> link = registry.resolve(from.attr("abs:href"));
      if (link.isPresent()) {
        return new PostRef(link.get().platform(), link.get().channel(), link.get().postId(), null);
      }
    }
    // A hidden author or a user: only the display name is known.
    return new PostRef(site.platform(), null, null, RichText.text(from).strip());
  }

  private boolean edited(Element message) {
    Element meta = message.selectFirst(site.cls("widget_message_meta"));
    if (meta == null) {
      return false;
    }
    String own = meta.text().toLowerCase(Locale.ROOT);
    return own.contains("edited") || own.contains("ویرایش");
  }
}
