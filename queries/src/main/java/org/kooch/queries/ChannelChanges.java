package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;

/**
 * How channels' audiences changed over a range of days, from {@code v_channel_daily} (read through
 * the pre-aggregated {@code channel_monthly}, see {@link #counts}): each channel's first and last
 * day-end count in the range and the difference, with its latest title from {@code v_channel_profiles}.
 * Sorted for the top gaining or losing channels, or by size.
 */
public final class ChannelChanges {
  public static final int MAX_LIMIT = 1000;

  /** How to order channels. */
  public enum Order {
    GAIN("change DESC", " WHERE change > 0"),
    LOSS("change ASC", " WHERE change < 0"),
    SIZE("last_subscribers DESC", ""),
    CHANGE("change DESC", "");

    final String orderBy;
    final String where;

    Order(String orderBy, String where) {
      this.orderBy = orderBy;
      this.where = where;
    }
  }

  /** One channel's change over the range. */
  public record Change(String platform, String channel, String title, String firstDay, long firstSubscribers,
      String lastDay, long lastSubscribers, long change) {}

  private final Reader clickhouse;

  public ChannelChanges(ClickHouseGateway clickhouse) {
    this(clickhouse::query);
  }

  public ChannelChanges(Reader clickhouse) {
    this.clickhouse = clickhouse;
  }

  /** The most gaining and the most losing channels, as the dashboard shows them side by side. */
  public record GainersAndLosers(List<Change> gainers, List<Change> losers) {}

  public List<Change> query(Filters f, Order order, int limit) {
    checkLimit(limit);
    return changes(clickhouse.query("SELECT * FROM (" + perChannel(f) + ")" + order.where + " ORDER BY " + order.orderBy
        + ", platform, channel LIMIT " + limit));
  }

  /**
   * {@code query(f, GAIN, limit)} and {@code query(f, LOSS, limit)} in one read of the counts
   * ({@code LIMIT n BY}: the first {@code limit} rows of each side).
   */
  public GainersAndLosers gainersAndLosers(Filters f, int limit) {
    checkLimit(limit);
    List<Change> both = changes(clickhouse.query("SELECT *, change > 0 AS gain FROM (" + perChannel(f) + ") WHERE change != 0"
        + " ORDER BY gain DESC, abs(change) DESC, platform, channel LIMIT " + limit + " BY gain"));
    return new GainersAndLosers(both.stream().filter(c -> c.change() > 0).toList(), both.stream().filter(c -> c.change() < 0).toList());
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** One row per channel with a count in the range: first and last day and count, and the change. */
  private static String perChannel(Filters f) {
    return "SELECT platform, channel, first_day, first_subscribers, last_day, last_subscribers,"
        + " last_subscribers - first_subscribers AS change FROM ("
        + "SELECT platform, channel, toString(min(d)) AS first_day, argMin(s, d) AS first_subscribers,"
        + " toString(max(d)) AS last_day, argMax(s, d) AS last_subscribers FROM (" + counts(f)
        + ") GROUP BY platform, channel)";
  }

  private List<Change> changes(List<JsonNode> rows) {
    Map<Account, String> titles = titles(rows);
    List<Change> out = new ArrayList<>();
    for (JsonNode r : rows) {
      out.add(new Change(Rows.text(r, "platform"), Rows.text(r, "channel"),
          titles.get(new Account(Rows.text(r, "platform"), Rows.text(r, "channel"))), Rows.text(r, "first_day"),
          Rows.number(r, "first_subscribers"), Rows.text(r, "last_day"), Rows.number(r, "last_subscribers"), Rows.number(r, "change")));
    }
    return out;
  }

  /**
   * Day-end counts {@code (platform, channel, d, s)} of the range that hold each channel's first and
   * last count in it: the days of the range's partial first and last months from
   * {@code channel_daily}, and for the months it covers whole, each channel's first and last count of
   * the month from {@code channel_monthly} (migration 011). So a year reads about 24,000 monthly rows
   * for 2,000 channels instead of 730,000 daily ones, and any range at most two months of days.
   */
  static String counts(Filters f) {
    LocalDate from = f.range().from();
    LocalDate to = f.range().to();
    LocalDate firstWholeMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    LocalDate lastWholeMonth = to.equals(to.with(TemporalAdjusters.lastDayOfMonth())) ? to.withDayOfMonth(1)
        : to.withDayOfMonth(1).minusMonths(1);
    boolean wholeMonths = !firstWholeMonth.isAfter(lastWholeMonth);
    String days = f.range().sql("day") + f.platformIn("platform");
    if (!wholeMonths) {
      return "SELECT platform, channel, day AS d, assumeNotNull(subscribers) AS s FROM " + LogicalRows.CHANNEL_DAILY.where(days, "subscribers IS NOT NULL");
    }
    DateRange months = new DateRange(firstWholeMonth, lastWholeMonth.with(TemporalAdjusters.lastDayOfMonth()));
    return "SELECT platform, channel, day AS d, assumeNotNull(subscribers) AS s FROM "
        + LogicalRows.CHANNEL_DAILY.where(days + " AND NOT (" + months.sql("day") + ")", "subscribers IS NOT NULL")
        + " UNION ALL SELECT platform, channel, p.1 AS d, p.2 AS s FROM (SELECT platform, channel,"
        + " arrayJoin([tuple(minMerge(first_day), argMinMerge(first)), tuple(maxMerge(last_day), argMaxMerge(last))]) AS p"
        + " FROM channel_monthly WHERE "
        + new DateRange(firstWholeMonth, lastWholeMonth).sql("month") + f.platformIn("platform")
        + " GROUP BY month, platform, channel)";
  }

  /** The latest title of each channel in the rows (read for those channels only, by the table's key). */
  private Map<Account, String> titles(List<JsonNode> rows) {
    Map<Account, String> out = new HashMap<>();
    if (rows.isEmpty()) {
      return out;
    }
    String in = rows.stream().map(r -> new Account(Rows.text(r, "platform"), Rows.text(r, "channel")).sqlTuple()).distinct()
        .collect(Collectors.joining(", "));
    for (JsonNode r : clickhouse.query("SELECT platform, channel, argMax(title, observed_at) AS title FROM "
        + LogicalRows.CHANNEL_PROFILES.key("(platform, channel) IN (" + in + ")") + " GROUP BY platform, channel")) {
      out.put(new Account(Rows.text(r, "platform"), Rows.text(r, "channel")), Rows.text(r, "title"));
    }
    return out;
  }

  public static Table table(List<Change> changes) {
    List<List<Object>> rows = new ArrayList<>();
    for (Change c : changes) {
      rows.add(Arrays.asList(c.platform(), c.channel(), c.title(), c.firstDay(), c.firstSubscribers(), c.lastDay(),
          c.lastSubscribers(), c.change()));
    }
    return new Table(
        List.of("platform", "channel", "title", "first_day", "first_subscribers", "last_day", "last_subscribers", "change"), rows);
  }
}
