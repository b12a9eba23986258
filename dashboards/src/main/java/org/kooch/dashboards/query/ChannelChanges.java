package org.kooch.dashboards.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kooch.clickhouse.ClickHouseGateway;

/**
 * How channels' audiences changed over a range of days, from {@code v_channel_daily}: each
 * channel's first and last day-end count in the range and the difference, with its latest title
 * from {@code v_channel_profiles}. Sorted for the top gaining or losing channels, or by size.
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

  private final ClickHouseGateway clickhouse;

  public ChannelChanges(ClickHouseGateway clickhouse) {
    this.clickhouse = clickhouse;
  }

  public List<Change> query(Filters f, Order order, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    String sql =
        "SELECT platform, channel, title, first_day, first_subscribers, last_day, last_subscribers,"
            + " last_subscribers - first_subscribers AS change FROM ("
            + "SELECT platform, channel, toString(min(day)) AS first_day, argMin(s, day) AS first_subscribers,"
            + " toString(max(day)) AS last_day, argMax(s, day) AS last_subscribers FROM ("
            + "SELECT platform, channel, day, assumeNotNull(subscribers) AS s FROM v_channel_daily"
            + " WHERE subscribers IS NOT NULL AND " + f.range().sql("day") + f.platformIn("platform")
            + ") GROUP BY platform, channel) AS c"
            + " ANY LEFT JOIN (SELECT platform, channel, argMax(title, observed_at) AS title FROM v_channel_profiles"
            + " GROUP BY platform, channel) AS t USING (platform, channel)"
            + order.where + " ORDER BY " + order.orderBy + ", platform, channel LIMIT " + limit;
    List<Change> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query(sql)) {
      out.add(new Change(Rows.text(r, "platform"), Rows.text(r, "channel"), Rows.text(r, "title"), Rows.text(r, "first_day"),
          Rows.number(r, "first_subscribers"), Rows.text(r, "last_day"), Rows.number(r, "last_subscribers"), Rows.number(r, "change")));
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
