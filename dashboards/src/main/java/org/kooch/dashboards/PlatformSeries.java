package org.kooch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.Sql;
import org.kooch.schemas.PlatformRegistry;

/**
 * Platform user counts over time: tracked subscribers (the sum over a platform's channels of each
 * channel's last known count, carried forward across days without an observation for up to
 * {@link #CARRY_DAYS} days) and the users the platform reported.
 */
public final class PlatformSeries {
  static final int CARRY_DAYS = 7;

  /** One platform's series over {@code days}: tracked subscribers per day, reported users where known. */
  public record Series(String platform, String name, List<Long> tracked, List<Long> reported) {}

  public record Result(List<String> days, List<Series> platforms) {}

  private final ClickHouseGateway clickhouse;
  private final PlatformRegistry registry;

  public PlatformSeries(ClickHouseGateway clickhouse, PlatformRegistry registry) {
    this.clickhouse = clickhouse;
    this.registry = registry;
  }

  public Result query(DateRange range, Set<String> platforms) {
    for (String p : platforms) {
      if (!registry.isKnown(p)) {
        throw new BadRequestException("unknown platform '" + p + "' (known: " + String.join(", ", registry.ids()) + ")");
      }
    }
    String platformFilter =
        platforms.isEmpty() ? "" : " AND platform IN (" + String.join(", ", platforms.stream().map(Sql::literal).toList()) + ")";
    List<JsonNode> counts =
        clickhouse.query(
            "SELECT platform, channel, toString(day) AS day, subscribers FROM v_channel_daily"
                + " WHERE subscribers IS NOT NULL AND day >= " + Sql.literal(range.from().minusDays(CARRY_DAYS).toString())
                + " AND day <= " + Sql.literal(range.to().toString()) + platformFilter
                + " ORDER BY platform, channel, day");
    List<JsonNode> reports =
        clickhouse.query(
            "SELECT platform, toString(toDate(observed_at)) AS day, max(reported_users) AS users FROM v_platform_stats"
                + " WHERE toDate(observed_at) >= " + Sql.literal(range.from().toString())
                + " AND toDate(observed_at) <= " + Sql.literal(range.to().toString()) + platformFilter
                + " GROUP BY platform, day ORDER BY platform, day");

    TreeSet<LocalDate> observedDays = new TreeSet<>();
    counts.forEach(r -> observedDays.add(LocalDate.parse(r.get("day").asText())));
    reports.forEach(r -> observedDays.add(LocalDate.parse(r.get("day").asText())));
    List<LocalDate> days = new ArrayList<>();
    if (!observedDays.isEmpty()) {
      LocalDate first = observedDays.first().isBefore(range.from()) ? range.from() : observedDays.first();
      for (LocalDate d = first; !d.isAfter(observedDays.last()); d = d.plusDays(1)) {
        days.add(d);
      }
    }

    // platform -> channel -> day -> count
    Map<String, Map<String, TreeMap<LocalDate, Long>>> byChannel = new TreeMap<>();
    for (JsonNode r : counts) {
      byChannel
          .computeIfAbsent(r.get("platform").asText(), k -> new TreeMap<>())
          .computeIfAbsent(r.get("channel").asText(), k -> new TreeMap<>())
          .put(LocalDate.parse(r.get("day").asText()), r.get("subscribers").asLong());
    }
    Map<String, Map<LocalDate, Long>> reported = new TreeMap<>();
    for (JsonNode r : reports) {
      reported.computeIfAbsent(r.get("platform").asText(), k -> new TreeMap<>())
          .put(LocalDate.parse(r.get("day").asText()), r.get("users").asLong());
    }
    Set<String> shown = new TreeSet<>(byChannel.keySet());
    shown.addAll(reported.keySet());

    List<Series> out = new ArrayList<>();
    for (String platform : shown) {
      List<Long> tracked = new ArrayList<>();
      List<Long> rep = new ArrayList<>();
      Map<String, TreeMap<LocalDate, Long>> channels = byChannel.getOrDefault(platform, Map.of());
      for (LocalDate d : days) {
        long sum = 0;
        boolean any = false;
        for (TreeMap<LocalDate, Long> series : channels.values()) {
          Map.Entry<LocalDate, Long> last = series.floorEntry(d);
          if (last != null && !last.getKey().isBefore(d.minusDays(CARRY_DAYS))) {
            sum += last.getValue();
            any = true;
          }
        }
        tracked.add(any ? sum : null);
        rep.add(reported.getOrDefault(platform, Map.of()).get(d));
      }
      String name = registry.platform(platform).map(p -> p.name()).orElse(platform);
      out.add(new Series(platform, name, tracked, rep));
    }
    return new Result(days.stream().map(LocalDate::toString).toList(), out);
  }

  static Map<String, Object> asJson(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("days", r.days());
    m.put("platforms", r.platforms());
    return m;
  }
}
