package org.kooch.ingest.collect.telegrambot;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kooch.ingest.collect.ChannelHarvest;
import org.kooch.ingest.collect.CollectException;
import org.kooch.ingest.collect.Collector;
import org.kooch.ingest.collect.DeadRecord;
import org.kooch.ingest.collect.JsonAnswers;
import org.kooch.ingest.collect.http.FetchPolicy;
import org.kooch.ingest.collect.http.FetchResponse;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.http.Secret;
import org.kooch.ingest.collect.state.ChannelState;
import org.kooch.schemas.SubscriberCount;

/**
 * Exact subscriber counts through the Telegram Bot API's {@code getChatMemberCount} (works for any
 * public channel by @name; the bot need not be a member). The token is part of the URL path, so
 * every URL shown goes through the token's redactor.
 */
public final class BotApiCollector implements Collector {
  public static final URI URL = URI.create("https://api.telegram.org");
  public static final String TOKEN_VARIABLE = "KOOCH_TELEGRAM_BOT_TOKEN";
  public static final String SOURCE = "telegram-bot";
  private static final Pattern TOKEN = Pattern.compile("\\d{3,20}:[A-Za-z0-9_-]{20,100}");

  private final String baseUrl;
  private final Secret token;
  private final HttpFetcher fetcher;
  private final Clock clock;

  public BotApiCollector(URI baseUrl, Secret token, FetchPolicy policy, Clock clock) {
    // Checked here so that a malformed token never reaches URI parsing, whose errors quote the URL.
    if (!TOKEN.matcher(token.value()).matches()) {
      throw new IllegalArgumentException(TOKEN_VARIABLE + " does not look like a bot token (digits:letters from @BotFather)");
    }
    String b = baseUrl.toString();
    this.baseUrl = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.token = token;
    this.fetcher = new HttpFetcher(policy, token);
    this.clock = clock;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public ChannelHarvest collect(String channel, ChannelState state) {
    URI url = URI.create(baseUrl + "/bot" + token.value() + "/getChatMemberCount?chat_id=%40" + channel);
    String shown = token.redact(url.toString());
    FetchResponse r = fetcher.get(url, BotApiCollector::retryAfterInBody);
    Optional<JsonNode> answer = JsonAnswers.parse(r.body());
    if (answer.isEmpty() || !answer.get().has("ok")) {
      if (!r.ok()) {
        throw new CollectException(shown + " answered HTTP " + r.status());
      }
      return refused(state, shown, "the Bot API answer is not JSON with 'ok'", r.body());
    }
    JsonNode a = answer.get();
    if (!a.path("ok").asBoolean()) {
      throw new CollectException(
          "the Bot API refused @" + channel + ": " + a.path("error_code").asText("?") + " " + token.redact(a.path("description").asText("")));
    }
    Optional<Long> count = JsonAnswers.count(a, "result");
    if (count.isEmpty()) {
      return refused(state, shown, "'result' is not a member count", r.body());
    }
    SubscriberCount record =
        SubscriberCount.newBuilder()
            .setPlatform("telegram")
            .setChannel(channel)
            .setObservedAt(clock.instant())
            .setSubscribers(count.get())
            .setSource(SOURCE)
            .build();
    return new ChannelHarvest(List.of(record), List.of(), state, List.of());
  }

  private ChannelHarvest refused(ChannelState state, String location, String reason, String body) {
    return new ChannelHarvest(List.of(), List.of(DeadRecord.of(location, reason, body)), state, List.of());
  }

  /** Flood control: HTTP 429 with {"parameters":{"retry_after":N}} (also sent as Retry-After). */
  static Optional<Duration> retryAfterInBody(FetchResponse r) {
    if (r.status() != 429) {
      return Optional.empty();
    }
    return JsonAnswers.parse(r.body()).flatMap(n -> JsonAnswers.count(n.path("parameters"), "retry_after")).map(Duration::ofSeconds);
  }
}
