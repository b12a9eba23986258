package org.kooch.queries;

import java.nio.charset.StandardCharsets;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;

/**
 * Rows as anyone who can write to Kafka or ClickHouse might leave them, added to a
 * {@link KnownRows} database: a platform and a channel named with HTML that runs script, a title
 * and a post that a spreadsheet would run as formulas. The registry checks platform ids on the
 * way in; these go straight into the tables, past it.
 */
public final class HostileRows {
  public static final String HTML = "<img src=x onerror=window.__pwned=1>";
  public static final String FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"click\")";
  public static final String FORMULA_CHANNEL = "@cmd";
  public static final String FORMULA_POST = "+cmd|' /C calc'!A0 https://sapp.ir/x";

  private HostileRows() {}

  /** A fresh {@link KnownRows} database with the hostile rows added (18 and 19 April 2018). */
  public static ClickHouseSettings database(String prefix) {
    ClickHouseSettings ch = KnownRows.database(prefix);
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      insert(g, "platform_daily",
          "{\"day\":\"2018-04-18\",\"platform\":" + json(HTML) + ",\"tracked_channels\":1,\"tracked_subscribers\":50,\"reported_users\":null,"
              + "\"posts\":0,\"views\":0,\"version\":1}",
          "{\"day\":\"2018-04-19\",\"platform\":" + json(HTML) + ",\"tracked_channels\":1,\"tracked_subscribers\":60,\"reported_users\":null,"
              + "\"posts\":0,\"views\":0,\"version\":1}");
      insert(g, "migration_flows",
          "{\"day\":\"2018-04-19\",\"from_platform\":\"telegram\",\"to_platform\":" + json(HTML)
              + ",\"flow\":30,\"flow_low\":20,\"flow_high\":40,\"channel_pairs\":1,\"version\":1}");
      insert(g, "channel_daily", channelDay(HTML, "2018-04-17", 100), channelDay(HTML, "2018-04-19", 400),
          channelDay(FORMULA_CHANNEL, "2018-04-17", 900), channelDay(FORMULA_CHANNEL, "2018-04-19", 100));
      insert(g, "channel_profiles",
          "{\"platform\":\"telegram\",\"channel\":" + json(HTML) + ",\"observed_at\":\"2018-04-18 12:00:00\",\"title\":" + json(HTML)
              + ",\"description\":null,\"links\":[],\"source\":\"test\"}",
          "{\"platform\":\"telegram\",\"channel\":" + json(FORMULA_CHANNEL) + ",\"observed_at\":\"2018-04-18 12:00:00\",\"title\":"
              + json(FORMULA_TITLE) + ",\"description\":null,\"links\":[],\"source\":\"test\"}");
      insert(g, "posts",
          "{\"platform\":\"telegram\",\"channel\":" + json(FORMULA_CHANNEL) + ",\"post_id\":1,\"published_at\":\"2018-04-19 06:30:00\","
              + "\"collected_at\":\"2018-04-19 08:00:00\",\"text\":" + json(FORMULA_POST) + ",\"views\":-3,\"forwards\":null,"
              + "\"links\":[\"https://sapp.ir/x\"],\"source\":\"test\"}");
    }
    return ch;
  }

  private static String channelDay(String channel, String day, long subs) {
    return "{\"platform\":\"telegram\",\"channel\":" + json(channel) + ",\"day\":\"" + day + "\",\"subscribers\":" + subs
        + ",\"subscribers_min\":" + subs + ",\"subscribers_max\":" + subs + ",\"observations\":1,\"posts\":0,\"views\":0,\"version\":1}";
  }

  private static void insert(ClickHouseGateway g, String table, String... rows) {
    g.insertJsonEachRow(table, (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
