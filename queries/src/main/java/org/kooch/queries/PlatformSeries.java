package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.kooch.schemas.PlatformRegistry;

/**
 * Platform user counts over time, read from the pre-aggregated {@code v_platform_daily}: tracked
 * subscribers (each tracked channel's latest day-end count, carried forward by Flink) and the users
 * a platform reported, on the days it reported them.
 */
public final class PlatformSeries {
  /** One row of {@code v_platform_daily}. */
  public record Row(LocalDate day, String platform, long trackedChannels, long trackedSubscribers, Long reportedUsers) {}

  /**
   * One platform over {@code days}: tracked channels and their subscribers per day (null: none
   * tracked that day), reported users on the days a report was made.
   */
  public record Series(String platform, String name, List<Long> channels, List<Long> tracked, List<Long> reported) {}

  /** Every platform over the same continuous run of days. */
  public record Result(List<String> days, List<Series> platforms) {}

  private final Reader clickhouse;
  private final PlatformRegistry registry;

  public PlatformSeries(ClickHouseGateway clickhouse, PlatformRegistry registry) {
    this(clickhouse::query, registry);
  }

  public PlatformSeries(Reader clickhouse, PlatformRegistry registry) {
    this.clickhouse = clickhouse;
    this.registry = registry;
  }

  public List<Row> rows(Filters f) {
    List<Row> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query(
        "SELECT day, platform, tracked_channels, tracked_subscribers, reported_users"
            + " FROM " + LogicalRows.PLATFORM_DAILY.key(f.range().sql("day") + f.platformIn("platform"))
            + " ORDER BY day, platform")) {
      out.add(new Row(Rows.day(r, "day"), Rows.text(r, "platform"), Rows.number(r, "tracked_channels"),
          Rows.number(r, "tracked_subscribers"), Rows.nullableNumber(r, "reported_users")));
    }
    return out;
  }

  public Result query(Filters f) {
    return series(rows(f));
  }

  /** Rows pivoted to one series per platform (in registry order) over the days from the first row to the last. */
  public Result series(List<Row> rows) {
    if (rows.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    List<LocalDate> days = DateRange.days(rows.get(0).day(), rows.get(rows.size() - 1).day());
    Map<LocalDate, Integer> index = new HashMap<>();
    days.forEach(d -> index.put(d, index.size()));
    Map<String, Long[][]> byPlatform = new TreeMap<>(this::registryOrder);
    for (Row r : rows) {
      Long[][] s = byPlatform.computeIfAbsent(r.platform(), k -> new Long[3][days.size()]);
      int i = index.get(r.day());
      s[0][i] = r.trackedChannels() == 0 ? null : r.trackedChannels();
      s[1][i] = r.trackedChannels() == 0 ? null : r.trackedSubscribers();
      s[2][i] = r.reportedUsers();
    }
    List<Series> out = new ArrayList<>();
    byPlatform.forEach((p, s) -> out.add(new Series(p, name(p), Arrays.asList(s[0]), Arrays.asList(s[1]), Arrays.asList(s[2]))));
    return new Result(days.stream().map(LocalDate::toString).toList(), out);
  }

  public static Table table(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    rows.forEach(r -> out.add(Arrays.asList(r.day().toString(), r.platform(), r.trackedChannels(), r.trackedSubscribers(), r.reportedUsers())));
    return new Table(List.of("day", "platform", "tracked_channels", "tracked_subscribers", "reported_users"), out);
  }

  private String name(String platform) {
    return registry.platform(platform).map(p -> p.name()).orElse(platform);
  }

  private int registryOrder(String a, String b) {
    List<String> ids = List.copyOf(registry.ids());
    int ia = ids.indexOf(a);
    int ib = ids.indexOf(b);
    return ia != ib ? Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib) : a.compareTo(b);
  }
}
