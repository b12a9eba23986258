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
import org.kooch.clickhouse.Sql;
import org.kooch.schemas.PlatformRegistry;

/**
 * Migration between platforms from {@code v_migration_flows}: per platform pair, the estimated
 * daily flow with its range and the part of it on inferred pairs, and the totals over the days
 * asked for (the flow diagram's links). A platform filter keeps the pairs that touch a wanted
 * platform at either end; a {@code foundBy} filter keeps the channel pairs found that way
 * ({@link #ANNOUNCED} or {@link #INFERRED}), summed from {@code channel_flows}.
 */
public final class MigrationFlows {
  /** Channel pairs found by an announcement: a post or profile of one links the other. */
  public static final String ANNOUNCED = "announced";
  /** Channel pairs found by evidence added up without an announcement (docs/tables.md, "How pairs are found"). */
  public static final String INFERRED = "inferred";

  /** One row of {@code v_migration_flows}; {@code inferredFlow} is the part of {@code flow} on inferred pairs. */
  public record Row(LocalDate day, String from, String to, long flow, long flowLow, long flowHigh, long channelPairs,
      long inferredFlow) {}

  /** One platform pair: totals over the range and a daily series aligned with {@link Result#days()}. */
  public record Pair(String from, String fromName, String to, String toName, long total, long totalLow, long totalHigh,
      long totalInferred, List<Long> flow, List<Long> flowLow, List<Long> flowHigh) {}

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
    return rows(f, null);
  }

  /** The rows on every channel pair ({@code foundBy} null), or on those found by {@code foundBy} only. */
  public List<Row> rows(Filters f, String foundBy) {
    String platforms = f.range().sql("day") + f.eitherPlatformIn("from_platform", "to_platform");
    String sql = foundBy == null
        ? "SELECT day, from_platform, to_platform, flow, flow_low, flow_high, channel_pairs, inferred_flow"
            + " FROM " + LogicalRows.MIGRATION_FLOWS.key(platforms)
        // Aliases of their own: an alias named like a column would stand for the sum inside countIf.
        : "SELECT day, from_platform, to_platform, total AS flow, total_low AS flow_low, total_high AS flow_high,"
            + " pairs AS channel_pairs, inferred AS inferred_flow FROM (SELECT day, from_platform, to_platform, sum(flow) AS total,"
            + " sum(flow_low) AS total_low, sum(flow_high) AS total_high, countIf(flow > 0) AS pairs,"
            + " sumIf(flow, found_by = 'inferred') AS inferred"
            + " FROM " + LogicalRows.CHANNEL_FLOWS.where(platforms, foundByIs(requireFoundBy(foundBy)))
            + " GROUP BY day, from_platform, to_platform)";
    List<Row> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query(sql + " ORDER BY day, from_platform, to_platform")) {
      out.add(new Row(Rows.day(r, "day"), Rows.text(r, "from_platform"), Rows.text(r, "to_platform"), Rows.number(r, "flow"),
          Rows.number(r, "flow_low"), Rows.number(r, "flow_high"), Rows.number(r, "channel_pairs"), Rows.number(r, "inferred_flow")));
    }
    return out;
  }

  /**
   * The condition on {@code found_by}. Anything but inferred is announced: rows inserted as JSON
   * without the column hold '' on ClickHouse 18.16, which ignores the column's default there.
   */
  private static String foundByIs(String foundBy) {
    return INFERRED.equals(foundBy) ? "found_by = " + Sql.literal(INFERRED) : "found_by != " + Sql.literal(INFERRED);
  }

  /** {@code foundBy} if it is {@link #ANNOUNCED} or {@link #INFERRED}, else a {@link BadRequestException}. */
  public static String requireFoundBy(String foundBy) {
    if (!ANNOUNCED.equals(foundBy) && !INFERRED.equals(foundBy)) {
      throw new BadRequestException("found_by must be " + ANNOUNCED + " or " + INFERRED + ", not '" + foundBy + "'");
    }
    return foundBy;
  }

  public Result query(Filters f) {
    return pairs(rows(f));
  }

  public Result query(Filters f, String foundBy) {
    return pairs(rows(f, foundBy));
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
      long[][] s = series.computeIfAbsent(r.from() + ">" + r.to(), k -> new long[4][days.size()]);
      int i = index.get(r.day());
      s[0][i] = r.flow();
      s[1][i] = r.flowLow();
      s[2][i] = r.flowHigh();
      s[3][i] = r.inferredFlow();
    }
    List<Pair> out = new ArrayList<>();
    series.forEach((key, s) -> {
      String from = key.substring(0, key.indexOf('>'));
      String to = key.substring(key.indexOf('>') + 1);
      out.add(new Pair(from, name(from), to, name(to), sum(s[0]), sum(s[1]), sum(s[2]), sum(s[3]), list(s[0]), list(s[1]),
          list(s[2])));
    });
    out.sort(Comparator.comparingLong(Pair::total).reversed().thenComparing(Pair::from).thenComparing(Pair::to));
    return new Result(days.stream().map(LocalDate::toString).toList(), out);
  }

  /** Daily rows as the command line prints them. */
  public static Table dailyTable(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    rows.forEach(r -> out.add(List.of(r.day().toString(), r.from(), r.to(), r.flow(), r.flowLow(), r.flowHigh(), r.channelPairs(),
        r.inferredFlow())));
    return new Table(List.of("day", "from_platform", "to_platform", "flow", "flow_low", "flow_high", "channel_pairs", "inferred_flow"), out);
  }

  /** One row per pair with its totals over the range, the largest first. */
  public static Table totalsTable(Result result) {
    List<List<Object>> out = new ArrayList<>();
    result.pairs().forEach(p -> out.add(List.of(p.from(), p.to(), p.total(), p.totalLow(), p.totalHigh(), p.totalInferred())));
    return new Table(List.of("from_platform", "to_platform", "flow", "flow_low", "flow_high", "inferred_flow"), out);
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
