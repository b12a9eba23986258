package org.kooch.ingest.collect.tgstat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.ingest.collect.ChannelHarvest;
import org.kooch.ingest.collect.Collector;
import org.kooch.ingest.collect.DeadRecord;
import org.kooch.ingest.collect.JsonAnswers;
import org.kooch.ingest.collect.http.FetchPolicy;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.http.Secret;
import org.kooch.ingest.collect.state.ChannelState;
import org.kooch.schemas.SubscriberCount;

/**
 * Telegram subscriber counts from the TGStat API: the current count ({@code channels/stat},
 * source "tgstat:stat") and the daily history ({@code channels/subscribers}, source
 * "tgstat:history"), each day once: the state remembers the last day published and a run asks only
 * for the days after it (the first run from {@code firstDay}). Only finished days are published.
 */
public final class TgstatCollector implements Collector {
  public static final URI URL = URI.create("https://api.tgstat.ru");
  public static final String TOKEN_VARIABLE = "KOOCH_TGSTAT_TOKEN";
  public static final String SOURCE = "tgstat";

  private final String baseUrl;
  private final Secret token;
  private final HttpFetcher fetcher;
  private final LocalDate firstDay;
  private final Clock clock;

  public TgstatCollector(URI baseUrl, Secret token, FetchPolicy policy, LocalDate firstDay, Clock clock) {
    String b = baseUrl.toString();
    this.baseUrl = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.token = token;
    this.fetcher = new HttpFetcher(policy, token);
    this.firstDay = firstDay;
    this.clock = clock;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public ChannelHarvest collect(String channel, ChannelState state) {
    Instant now = clock.instant();
    List<SpecificRecord> records = new ArrayList<>();
    List<DeadRecord> dead = new ArrayList<>();

    URI statUrl = url("channels/stat", channel, "");
    String shownStat = token.redact(statUrl.toString());
    JsonNode stat = TgstatAnswer.response(fetcher.get(statUrl, TgstatAnswer::floodControl), shownStat);
    Optional<Long> current = JsonAnswers.count(stat, "participants_count");
    if (current.isPresent()) {
      records.add(count(channel, now, current.get(), SOURCE + ":stat"));
    } else {
      dead.add(DeadRecord.of(shownStat, "no participants_count in channels/stat", stat.toString()));
    }

    // The history resumes after the last day published; today is not over, so it waits.
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate from = state.lastObservedAt() == null ? firstDay : LocalDate.ofInstant(state.lastObservedAt(), ZoneOffset.UTC).plusDays(1);
    Instant lastDay = state.lastObservedAt();
    if (from.isBefore(today)) {
      String range = "&startDate=" + from.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + "&endDate=" + now.getEpochSecond() + "&group=day";
      URI historyUrl = url("channels/subscribers", channel, range);
      String shown = token.redact(historyUrl.toString());
      JsonNode days = TgstatAnswer.response(fetcher.get(historyUrl, TgstatAnswer::floodControl), shown);
      for (JsonNode day : days) {
        try {
          LocalDate d = LocalDate.parse(day.path("period").asText());
          Optional<Long> n = JsonAnswers.count(day, "participants_count");
          if (n.isEmpty()) {
            dead.add(DeadRecord.of(shown, "day " + d + " has no participants_count", day.toString()));
          } else if (!d.isBefore(from) && d.isBefore(today)) {
            Instant endOfDay = endOfDay(d);
            records.add(count(channel, endOfDay, n.get(), SOURCE + ":history"));
            lastDay = lastDay == null || endOfDay.isAfter(lastDay) ? endOfDay : lastDay;
          }
        } catch (DateTimeParseException e) {
          dead.add(DeadRecord.of(shown, "period '" + day.path("period").asText() + "' is not a day", day.toString()));
        }
      }
    }
    return new ChannelHarvest(records, dead, state.withLastObservedAt(lastDay), List.of());
  }

  /**
   * TGStat's daily figure is the count at the end of the day. Its documentation does not name the
   * time zone; UTC is assumed, so a count may be up to a few hours off its true moment.
   */
  static Instant endOfDay(LocalDate d) {
    return d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
  }

  private URI url(String method, String channel, String extra) {
    return URI.create(baseUrl + "/" + method + "?token=" + token.urlEncoded() + "&channelId=%40" + channel + extra);
  }

  private static SubscriberCount count(String channel, Instant at, long n, String source) {
    return SubscriberCount.newBuilder()
        .setPlatform("telegram")
        .setChannel(channel)
        .setObservedAt(at)
        .setSubscribers(n)
        .setSource(source)
        .build();
  }
}
