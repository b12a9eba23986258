package org.kooch.streaming.links;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kooch.schemas.ChannelLink;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.Post;

/**
 * Finds channel links in one post or profile: URLs in the text with or without a scheme, the
 * post's link list (text_link hrefs), {@code @mentions} of Telegram handles, and forwards. A
 * channel linking to itself is not a link.
 */
public final class LinkExtractor {
  /** Confidence that the evidence means "same owner". An announcement link is strong; a forward is weak. */
  static final double POST_LINK = 0.8;
  static final double MENTION = 0.6;
  static final double PROFILE_LINK = 0.9;
  static final double FORWARD = 0.3;

  private static final Pattern MENTION_PATTERN =
      Pattern.compile("(?<![\\p{L}\\p{N}_@./])@([A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_])");

  private final PlatformRegistry registry;

  public LinkExtractor(PlatformRegistry registry) {
    this.registry = registry;
  }

  public List<ChannelLinkRow> fromPost(Post p) {
    Map<String, ChannelLinkRow> out = new LinkedHashMap<>();
    long t = p.getPublishedAt().toEpochMilli();
    for (ChannelLink l : urls(p.getText(), p.getLinks())) {
      add(out, new ChannelLinkRow(p.getPlatform(), p.getChannel(), l.platform(), l.channel(), ChannelLinkRow.POST_LINK, t, p.getPostId(), POST_LINK));
    }
    String text = p.getText();
    // The pattern is tried only where a mention can start: scanning every position for its
    // look-behind cost more than the rest of the extraction.
    Matcher m = MENTION_PATTERN.matcher(text).useTransparentBounds(true);
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      if (m.region(at, text.length()).lookingAt()) {
        String handle = m.group(1).toLowerCase(java.util.Locale.ROOT);
        add(out, new ChannelLinkRow(p.getPlatform(), p.getChannel(), "telegram", handle, ChannelLinkRow.POST_LINK, t, p.getPostId(), MENTION));
      }
    }
    if (p.getForwardedFrom() != null && p.getForwardedFrom().getChannel() != null) {
      add(out, new ChannelLinkRow(p.getForwardedFrom().getPlatform(), p.getForwardedFrom().getChannel(),
          p.getPlatform(), p.getChannel(), ChannelLinkRow.FORWARD, t, p.getPostId(), FORWARD));
    }
    return new ArrayList<>(out.values());
  }

  public List<ChannelLinkRow> fromProfile(ChannelProfile c) {
    Map<String, ChannelLinkRow> out = new LinkedHashMap<>();
    long t = c.getObservedAt().toEpochMilli();
    for (ChannelLink l : urls(c.getDescription(), c.getLinks())) {
      add(out, new ChannelLinkRow(c.getPlatform(), c.getChannel(), l.platform(), l.channel(), ChannelLinkRow.PROFILE_LINK, t, null, PROFILE_LINK));
    }
    return new ArrayList<>(out.values());
  }

  private List<ChannelLink> urls(String text, List<String> links) {
    List<ChannelLink> found = new ArrayList<>(registry.linksIn(text));
    for (String url : links) {
      registry.resolve(url).ifPresent(found::add);
    }
    return found;
  }

  /** Keeps the strongest evidence per target; drops self-links. */
  private static void add(Map<String, ChannelLinkRow> out, ChannelLinkRow r) {
    if (r.fromPlatform.equals(r.toPlatform) && r.fromChannel.equals(r.toChannel)) {
      return;
    }
    ChannelLinkRow old = out.get(r.key());
    if (old == null || r.confidence > old.confidence) {
      out.put(r.key(), r);
    }
  }
}
