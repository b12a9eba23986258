package org.kooch.ingest.collect.telegramweb;

import java.net.URI;

/**
 * A site that renders public channels in Telegram's preview markup: t.me ({@code tgme_} classes,
 * previews at /s/name, the exact count on /name) and Eitaa ({@code etme_} classes, previews at
 * /name). The parser and the collector are the same for both; this says where and how.
 *
 * @param source records' source and the state directory name, e.g. telegram-web
 * @param platform registry platform id of the channels
 * @param prefix CSS class prefix of the markup: tgme_ or etme_
 * @param previewPath path before the handle on preview pages: /s/ or /
 * @param hasChannelPage whether /name shows the exact subscriber count (t.me does)
 */
public record PreviewSite(String source, String platform, String prefix, URI baseUrl, String previewPath, boolean hasChannelPage) {
  public static final URI TELEGRAM_URL = URI.create("https://t.me");

  public PreviewSite {
    String b = baseUrl.toString();
    baseUrl = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
  }

  public static PreviewSite telegram(URI baseUrl) {
    return new PreviewSite("telegram-web", "telegram", "tgme_", baseUrl, "/s/", true);
  }

  /** The preview page of {@code channel}; with {@code before}, the page of posts older than that id. */
  public URI previewUrl(String channel, Long before) {
    return URI.create(baseUrl + previewPath + channel + (before == null ? "" : "?before=" + before));
  }

  /** The channel's own page (t.me/name), which shows the exact subscriber count. */
  public URI channelPageUrl(String channel) {
    return URI.create(baseUrl + "/" + channel);
  }

  /** CSS selector of a class in this site's markup: {@code cls("channel_info")} is .tgme_channel_info. */
  String cls(String name) {
    return "." + prefix + name;
  }
}
