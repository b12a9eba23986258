package org.kooch.ingest.collect.telegramweb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

/** Turns what a preview shows into Kooch records (docs/contracts.md). */
final class PreviewRecords {
  private PreviewRecords() {}

  static Post post(PreviewSite site, String channel, PreviewMessage m, Instant collectedAt) {
    return Post.newBuilder()
        .setPlatform(site.platform())
        .setChannel(channel)
        .setPostId(m.id())
        .setPublishedAt(m.publishedAt())
        .setCollectedAt(collectedAt)
        .setText(m.text())
        .setViews(m.views())
        .setForwards(null) // previews do not show forward counts
        .setForwardedFrom(m.forwardedFrom())
        .setLinks(m.links())
        .setSource(site.source())
        .build();
  }

  static ChannelProfile profile(PreviewSite site, String channel, ChannelHeader h, Instant observedAt) {
    return ChannelProfile.newBuilder()
        .setPlatform(site.platform())
        .setChannel(channel)
        .setObservedAt(observedAt)
        .setTitle(h.title())
        .setDescription(h.description())
        .setLinks(h.links())
        .setSource(site.source())
        .build();
  }

  static SubscriberCount subscribers(PreviewSite site, String channel, long count, boolean exact, Instant observedAt) {
    return SubscriberCount.newBuilder()
        .setPlatform(site.platform())
        .setChannel(channel)
        .setObservedAt(observedAt)
        .setSubscribers(count)
        .setSource(site.source() + (exact ? ":exact" : ":rounded"))
        .build();
  }

  /** Fingerprint of what a profile says (not when), to publish it again only when it changes. */
  static String fingerprint(ChannelHeader h) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String s = h.title() + "\u0000" + h.description() + "\u0000" + String.join("\u0001", h.links());
      return HexFormat.of().formatHex(sha.digest(s.getBytes(StandardCharsets.UTF_8)), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
