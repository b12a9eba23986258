package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.kooch.schemas.PlatformRegistry;

/**
 * Migration between platforms from {@code v_migration_flows}: per platform pair, the estimated
 * daily flow with its range, and the totals over the days asked for (the flow diagram's links).
 * A platform filter keeps the pairs that touch a wanted platform at either end.
 */
public final class MigrationFlows {
  /** One row of {@code v_migration_flows}. */
  public record Row(LocalDate day, String from, String to, long flow, long flowLow, long flowHigh, long channelPairs) {}

  /** One platform pair: totals over the range and a daily series aligned with {@link Result#days()}. */
  public record Pair(String from, String fromName, String to, String toName, long total, long totalLow, long totalHigh,
      List<Long> flow, List<Long> flowLow, List<Long> flowHigh) {}

  /** Pairs, the largest total first. */
  public record Result(List<String> days, List<Pair> pairs) {}

  private final Reader clickhouse;
  private final PlatformRegistry registry;

  public MigrationFlows(ClickHouseGateway clickhouse, PlatformRegistry registry) {
    this(clickhouse::query, registry);
  }

  public MigrationFlows(Reader clickhouse, PlatformRegistry registry) {
    this.clickhouse = clickhouse;
    this.registry = registry;
  }

  public List<Row> rows(Filters f) {
    List<Row> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query(
        "SELECT day, from_platform, to_platform, flow, flow_low, flow_high, channel_pairs"
            + " FROM " + LogicalRows.MIGRATION_FLOWS.key(f.range().sql("day") + f.eitherPlatformIn("from_platform", "to_platform"))
            + " ORDER BY day, from_platform, to_platform")) {
      out.add(new Row(Rows.day(r, "day"), Rows.text(r, "from_platform"), Rows.text(r, "to_platform"), Rows.number(r, "flow"),
          Rows.number(r, "flow_low"), Rows.number(r, "flow_high"), Rows.number(r, "channel_pairs")));
    }
    return out;
  }

  public Result query(Filters f) {
    return pairs(rows(f));
  }

  /** Rows pivoted to one daily series per pair over the days from the first row to the last. */
  public Result pairs(List<Row> rows) {
    if (rows.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    List<LocalDate> days = DateRange.days(rows.get(0).day(), rows.get(rows.size() - 1).day());
    Map<LocalDate, Integer> index = new HashMap<>();
    days.forEach(d -> index.put(d, index.size()));
    Map<String, long[][]> series = new LinkedHashMap<>();
    for (Row r : rows) {
      long[][] s = series.computeIfAbsent(r.from() + ">" + r.to(), k -> new long[3][days.size()]);
      int i = index.get(r.day());
      s[0][i] = r.flow();
      s[1][i] = r.flowLow();
      s[2][i] = r.flowHigh();
    }
    List<Pair> out = new ArrayList<>();
    series.forEach((key, s) -> {
      String from = key.substring(0, key.indexOf('>'));
      String to = key.substring(key.indexOf('>') + 1);
      out.add(new Pair(from, name(from), to, name(to), sum(s[0]), sum(s[1]), sum(s[2]), list(s[0]), list(s[1]), list(s[2])));
    });
    out.sort(Comparator.comparingLong(Pair::total).reversed().thenComparing(Pair::from).thenComparing(Pair::to));
    return new Result(days.stream().map(LocalDate::toString).toList(), out);
  }

  /** Daily rows as the command line prints them. */
  public static Table dailyTable(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    rows.forEach(r -> out.add(List.of(r.day().toString(), r.from(), r.to(), r.flow(), r.flowLow(), r.flowHigh(), r.channelPairs())));
    return new Table(List.of("day", "from_platform", "to_platform", "flow", "flow_low", "flow_high", "channel_pairs"), out);
  }

  /** One row per pair with its totals over the range, the largest first. */
  public static Table totalsTable(Result result) {
    List<List<Object>> out = new ArrayList<>();
    result.pairs().forEach(p -> out.add(List.of(p.from(), p.to(), p.total(), p.totalLow(), p.totalHigh())));
    return new Table(List.of("from_platform", "to_platform", "flow", "flow_low", "flow_high"), out);
  }

  private String name(String platform) {
    return registry.platform(platform).map(p -> p.name()).orElse(platform);
  }

  private static long sum(long[] v) {
    return Arrays.stream(v).sum();
  }

  private static List<Long> list(long[] v) {
    return Arrays.stream(v).boxed().toList();
  }
}
