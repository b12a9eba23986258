package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.kooch.schemas.PlatformRegistry;

/**
 * Attention (views) from {@code channel_attention}: per platform and day, with each platform's share
 * of all platforms' attention; per channel over a range; and per linked pair with flows, the
 * attention that moved. Views at 24 h ({@code views_24h}) sum only the posts measured at that age
 * ({@code posts_24h} of {@code posts}); a figure with no measured post is null, never zero.
 */
public final class Attention {
  /** Days before a pair's first flow day whose attention is each side's baseline. */
  public static final int BASELINE_DAYS = 14;

  /** One platform and day; shares are of all platforms that day (whatever the platform filter), null when there is none. */
  public record PlatformDay(LocalDate day, String platform, long channels, long posts, long views, long posts24h, Long views24h,
      long postsUnder24h, Double share24h, Double shareViews) {}

  /** One channel's totals over a range. */
  public record ChannelTotal(String platform, String channel, long days, long posts, long views, long posts24h, Long views24h,
      long postsUnder24h) {}

  /**
   * A pair with flows: each side's mean daily views at 24 h over the {@value #BASELINE_DAYS} days before
   * the first flow day (baseline) and over the range's days from it on (after), the old side's loss
   * ({@code baseline - after}) and the new side's gain ({@code after - baseline}). Null when the range
   * has no measured day from the first flow day on. {@code firstFlowDay} is YYYY-MM-DD.
   */
  public record PairAttention(String fromPlatform, String fromChannel, String toPlatform, String toChannel, String firstFlowDay,
      long days, long fromBaseline, Long fromAfter, long toBaseline, Long toAfter, Long lost, Long gained) {}

  /** One platform over {@link Result#days()}: views at 24 h (null: none measured), their share, views as last observed. */
  public record Series(String platform, String name, List<Long> views24h, List<Double> share24h, List<Long> views) {}

  /** What the dashboard draws: the platforms' daily series and the pairs. */
  public record Result(List<String> days, List<Series> platforms, List<PairAttention> pairs) {}

  private final Reader clickhouse;
  private final PlatformRegistry registry;

  public Attention(ClickHouseGateway clickhouse, PlatformRegistry registry) {
    this(clickhouse::query, registry);
  }

  public Attention(Reader clickhouse, PlatformRegistry registry) {
    this.clickhouse = clickhouse;
    this.registry = registry;
  }

  /**
   * Per platform and day in the range, the wanted platforms only; shares are of every platform's
   * attention. Read from {@code channel_attention_by_day} (migration 020), where a range of days is
   * one stretch of the key and collapsing versions compares numbers, not handles.
   */
  public List<PlatformDay> platformDays(Filters f) {
    List<JsonNode> rows = clickhouse.query(
        "SELECT day, platform, count() AS channels, sum(posts) AS posts, sum(views) AS views, sum(posts_24h) AS posts_24h,"
            + " sum(views_24h) AS views_24h, sum(posts_under_24h) AS posts_under_24h"
            + " FROM " + LogicalRows.CHANNEL_ATTENTION_BY_DAY.key(f.range().sql("day"))
            + " GROUP BY day, platform ORDER BY day, platform");
    Map<LocalDate, long[]> dayTotals = new HashMap<>();
    for (JsonNode r : rows) {
      long[] t = dayTotals.computeIfAbsent(Rows.day(r, "day"), d -> new long[2]);
      t[0] += Rows.number(r, "views_24h");
      t[1] += Rows.number(r, "views");
    }
    List<PlatformDay> out = new ArrayList<>();
    for (JsonNode r : rows) {
      String platform = Rows.text(r, "platform");
      if (!f.platforms().isEmpty() && !f.platforms().contains(platform)) {
        continue;
      }
      long[] all = dayTotals.get(Rows.day(r, "day"));
      long posts24h = Rows.number(r, "posts_24h");
      long views24h = Rows.number(r, "views_24h");
      long views = Rows.number(r, "views");
      out.add(new PlatformDay(Rows.day(r, "day"), platform, Rows.number(r, "channels"), Rows.number(r, "posts"), views, posts24h,
          posts24h == 0 ? null : views24h, Rows.number(r, "posts_under_24h"), share(views24h, all[0]), share(views, all[1])));
    }
    return out;
  }

  /** The channels with the most views at 24 h over the range (then the most views), at most {@code limit}. */
  public List<ChannelTotal> channels(Filters f, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new BadRequestException("the limit must be 1 to 10000, got " + limit);
    }
    List<ChannelTotal> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query(
        "SELECT platform, channel, count() AS days, sum(posts) AS posts, sum(views) AS views, sum(posts_24h) AS posts_24h,"
            + " sum(views_24h) AS views_24h, sum(posts_under_24h) AS posts_under_24h"
            + " FROM " + LogicalRows.CHANNEL_ATTENTION.key(f.range().sql("day") + f.platformIn("platform"))
            + " GROUP BY platform, channel ORDER BY views_24h DESC, views DESC, platform, channel LIMIT " + limit)) {
      long posts24h = Rows.number(r, "posts_24h");
      out.add(new ChannelTotal(Rows.text(r, "platform"), Rows.text(r, "channel"), Rows.number(r, "days"), Rows.number(r, "posts"),
          Rows.number(r, "views"), posts24h, posts24h == 0 ? null : Rows.number(r, "views_24h"), Rows.number(r, "posts_under_24h")));
    }
    return out;
  }

  /**
   * Every pair with a flow (either end on a wanted platform) whose first flow day is in or before
   * the range, the largest loss first. Two reads: the pairs and their first flow days, then, summed
   * by ClickHouse, each end's views at 24 h over its baseline and from the first flow day to the
   * range's end, per end and first flow day (so thousands of pairs over a year are a row each, not
   * every account's every day).
   */
  public List<PairAttention> pairs(Filters f) {
    String platforms = f.eitherPlatformIn("from_platform", "to_platform");
    String pairSql = "SELECT from_platform, from_channel, to_platform, to_channel, min(day) AS first_day FROM "
        + (platforms.isEmpty() ? LogicalRows.CHANNEL_FLOWS.all() : LogicalRows.CHANNEL_FLOWS.key(platforms.substring(" AND ".length())))
        + " GROUP BY from_platform, from_channel, to_platform, to_channel"
        + " HAVING first_day <= toDate('" + f.range().to() + "')";
    List<JsonNode> pairRows = clickhouse.query(pairSql + " ORDER BY from_platform, from_channel, to_platform, to_channel");
    if (pairRows.isEmpty()) {
      return List.of();
    }
    LocalDate earliest = LocalDate.MAX;
    for (JsonNode r : pairRows) {
      LocalDate first = Rows.day(r, "first_day");
      earliest = first.isBefore(earliest) ? first : earliest;
    }
    EndSums sums = endSums(pairSql, new DateRange(earliest.minusDays(BASELINE_DAYS), f.range().to()), f.range().from());
    List<PairAttention> out = new ArrayList<>();
    for (JsonNode r : pairRows) {
      String from = Rows.text(r, "from_platform") + "/" + Rows.text(r, "from_channel");
      String to = Rows.text(r, "to_platform") + "/" + Rows.text(r, "to_channel");
      LocalDate first = Rows.day(r, "first_day");
      LocalDate afterFrom = first.isAfter(f.range().from()) ? first : f.range().from();
      LocalDate lastMeasured = sums.lastMeasured();
      LocalDate afterTo = lastMeasured == null || f.range().to().isBefore(lastMeasured) ? f.range().to() : lastMeasured;
      long days = lastMeasured == null || afterTo.isBefore(afterFrom) ? 0 : afterTo.toEpochDay() - afterFrom.toEpochDay() + 1;
      long fromBaseline = mean(sums.baseline(from, first), BASELINE_DAYS);
      long toBaseline = mean(sums.baseline(to, first), BASELINE_DAYS);
      Long fromAfter = days == 0 ? null : mean(sums.after(from, first, afterTo), days);
      Long toAfter = days == 0 ? null : mean(sums.after(to, first, afterTo), days);
      out.add(new PairAttention(Rows.text(r, "from_platform"), Rows.text(r, "from_channel"), Rows.text(r, "to_platform"),
          Rows.text(r, "to_channel"), first.toString(), days, fromBaseline, fromAfter, toBaseline, toAfter,
          fromAfter == null ? null : fromBaseline - fromAfter, toAfter == null ? null : toAfter - toBaseline));
    }
    out.sort((a, b) -> Long.compare(b.lost() == null ? Long.MIN_VALUE : b.lost(), a.lost() == null ? Long.MIN_VALUE : a.lost()));
    return out;
  }

  /**
   * Per end of the pairs of {@code pairSql} and first flow day F, read over {@code read} (from the
   * earliest baseline to the range's end): the views at 24 h over F's baseline days and over the
   * days from {@code max(F, from)} to the read's end, and the last day with a measured post among
   * all the ends' days. A day after that last day has no measured post; one that still carries views
   * at 24 h (none the job writes) is listed, so that {@link EndSums#after} can leave it out exactly.
   */
  private EndSums endSums(String pairSql, DateRange read, LocalDate from) {
    // The join keeps the ends' days. An IN on the ends would compute the pairs a third time, and the
    // days of a range are read whole anyway (the table is ordered by day).
    String ends = "SELECT DISTINCT tupleElement(account, 1) AS platform, tupleElement(account, 2) AS channel, first_day FROM (" + pairSql
        + ") ARRAY JOIN [(from_platform, from_channel), (to_platform, to_channel)] AS account";
    EndSums sums = new EndSums(new HashMap<>(), new HashMap<>(), new HashMap<>(), new LocalDate[1]);
    for (JsonNode r : clickhouse.query("SELECT platform, channel, first_day,"
        + " sumIf(views_24h, day >= first_day - " + BASELINE_DAYS + " AND day < first_day) AS baseline,"
        + " sumIf(views_24h, day >= greatest(first_day, toDate('" + from + "'))) AS after,"
        + " countIf(posts_24h > 0) AS measured, maxIf(day, posts_24h > 0) AS last_measured,"
        + " groupArrayIf(day, posts_24h = 0 AND views_24h != 0) AS odd_days, groupArrayIf(views_24h, posts_24h = 0 AND views_24h != 0) AS odd_views"
        + " FROM (SELECT platform, channel, day, posts_24h, views_24h FROM " + LogicalRows.CHANNEL_ATTENTION_BY_DAY.key(read.sql("day")) + ")"
        + " ALL INNER JOIN (" + ends + ") USING (platform, channel)"
        + " GROUP BY platform, channel, first_day")) {
      String key = Rows.text(r, "platform") + "/" + Rows.text(r, "channel") + "@" + Rows.text(r, "first_day");
      sums.baselines().put(key, Rows.number(r, "baseline"));
      sums.afters().put(key, Rows.number(r, "after"));
      if (Rows.number(r, "measured") > 0) {
        LocalDate last = Rows.day(r, "last_measured");
        sums.last()[0] = sums.last()[0] == null || last.isAfter(sums.last()[0]) ? last : sums.last()[0];
      }
      JsonNode oddDays = r.get("odd_days");
      for (int i = 0; i < oddDays.size(); i++) {
        sums.odd().computeIfAbsent(key, k -> new TreeMap<>()).put(LocalDate.parse(oddDays.get(i).asText()), r.get("odd_views").get(i).asLong());
      }
    }
    return sums;
  }

  /** {@link #endSums}' answer, keyed by {@code platform/channel@first_day}. */
  private record EndSums(Map<String, Long> baselines, Map<String, Long> afters, Map<String, TreeMap<LocalDate, Long>> odd, LocalDate[] last) {
    LocalDate lastMeasured() {
      return last[0];
    }

    long baseline(String account, LocalDate first) {
      return baselines.getOrDefault(account + "@" + first, 0L);
    }

    /** The views at 24 h from {@code max(first, from)} to {@code afterTo}: the read's sum less its days after {@code afterTo}. */
    long after(String account, LocalDate first, LocalDate afterTo) {
      String key = account + "@" + first;
      TreeMap<LocalDate, Long> late = odd.get(key);
      long beyond = late == null ? 0 : late.tailMap(afterTo, false).values().stream().mapToLong(Long::longValue).sum();
      return afters.getOrDefault(key, 0L) - beyond;
    }
  }

  /** The dashboard's answer: platform series over the days of the rows, and the pairs (read side by side). */
  public Result query(Filters f) {
    CompletableFuture<List<PairAttention>> pairRead = SideBySide.start(() -> pairs(f));
    List<PlatformDay> days = platformDays(f);
    return result(days, SideBySide.join(pairRead));
  }

  /** Platform days as series over the days from the first row to the last, with {@code pairs}. */
  public Result result(List<PlatformDay> rows, List<PairAttention> pairs) {
    List<LocalDate> days = rows.isEmpty() ? List.of() : DateRange.days(rows.get(0).day(), rows.get(rows.size() - 1).day());
    return new Result(days.stream().map(LocalDate::toString).toList(), series(rows, days), pairs);
  }

  /** Platform days pivoted to one series per platform (registry order) over {@code days}. */
  public List<Series> series(List<PlatformDay> rows, List<LocalDate> days) {
    Map<LocalDate, Integer> index = new HashMap<>();
    days.forEach(d -> index.put(d, index.size()));
    Map<String, Object[][]> byPlatform = new TreeMap<>(this::registryOrder);
    for (PlatformDay r : rows) {
      Object[][] s = byPlatform.computeIfAbsent(r.platform(), k -> new Object[3][days.size()]);
      int i = index.get(r.day());
      s[0][i] = r.views24h();
      s[1][i] = r.share24h();
      s[2][i] = r.views();
    }
    List<Series> out = new ArrayList<>();
    byPlatform.forEach((p, s) -> out.add(new Series(p, name(p), typed(s[0], Long.class), typed(s[1], Double.class), typed(s[2], Long.class))));
    return out;
  }

  public static Table platformTable(List<PlatformDay> rows) {
    List<List<Object>> out = new ArrayList<>();
    rows.forEach(r -> out.add(Arrays.asList(r.day().toString(), r.platform(), r.channels(), r.posts(), r.views(), r.posts24h(), r.views24h(),
        r.postsUnder24h(), round(r.share24h()), round(r.shareViews()))));
    return new Table(List.of("day", "platform", "channels", "posts", "views", "posts_24h", "views_24h", "posts_under_24h", "share_24h",
        "share_views"), out);
  }

  public static Table channelTable(List<ChannelTotal> rows) {
    List<List<Object>> out = new ArrayList<>();
    rows.forEach(r -> out.add(Arrays.asList(r.platform(), r.channel(), r.days(), r.posts(), r.views(), r.posts24h(), r.views24h(),
        r.postsUnder24h())));
    return new Table(List.of("platform", "channel", "days", "posts", "views", "posts_24h", "views_24h", "posts_under_24h"), out);
  }

  public static Table pairTable(List<PairAttention> rows) {
    List<List<Object>> out = new ArrayList<>();
    rows.forEach(r -> out.add(Arrays.asList(r.fromPlatform(), r.fromChannel(), r.toPlatform(), r.toChannel(), r.firstFlowDay(),
        r.days(), r.fromBaseline(), r.fromAfter(), r.lost(), r.toBaseline(), r.toAfter(), r.gained())));
    return new Table(List.of("from_platform", "from_channel", "to_platform", "to_channel", "first_flow_day", "days", "from_baseline",
        "from_after", "lost", "to_baseline", "to_after", "gained"), out);
  }

  /** The mean daily views at 24 h of a sum over {@code days} days; a day without a row had no posts and counts as none. */
  private static long mean(long sum, long days) {
    return Math.round((double) sum / days);
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static Double round(Double share) {
    return share == null ? null : Math.round(share * 10_000) / 10_000.0;
  }

  private static <T> List<T> typed(Object[] values, Class<T> type) {
    return Arrays.stream(values).map(type::cast).collect(Collectors.toList());
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
