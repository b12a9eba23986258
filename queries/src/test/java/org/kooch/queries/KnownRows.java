package org.kooch.queries;

import java.nio.charset.StandardCharsets;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/**
 * A fresh database with a few rows of every analytics table, small enough to know every answer:
 * telegram/a_chan announces soroush/a_chan on 18 April and 220 subscribers move in two days.
 */
public final class KnownRows {
  public static final String TITLE = "کانال الف";
  public static final String DESCRIPTION = "کانال رسمی الف\u200cب 🌹\nhttps://sapp.ir/a_chan";
  public static final String ANNOUNCEMENT = "📣 ما را در سروش دنبال کنید: https://sapp.ir/a_chan";

  private KnownRows() {}

  /** The one alert: telegram/a_chan announced soroush/a_chan. */
  public static final String ALERT_ID = "4f1c2a9e-0000-3000-8000-00000000a1e7";

  public static ClickHouseSettings database(String prefix) {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase(prefix);
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      insert(g, "platform_daily",
          platformDay("2018-04-17", "telegram", 2, 1500, null), platformDay("2018-04-18", "telegram", 2, 1400, null),
          platformDay("2018-04-19", "telegram", 2, 1300, null), platformDay("2018-04-18", "soroush", 1, 300, 5_000_000L),
          platformDay("2018-04-19", "soroush", 1, 420, null));
      insert(g, "channel_daily",
          channelDay("telegram", "a_chan", "2018-04-17", 1000), channelDay("telegram", "b_chan", "2018-04-17", 500),
          channelDay("telegram", "a_chan", "2018-04-19", 800), channelDay("soroush", "a_chan", "2018-04-18", 300),
          channelDay("soroush", "a_chan", "2018-04-19", 420));
      insert(g, "migration_flows",
          "{\"day\":\"2018-04-18\",\"from_platform\":\"telegram\",\"to_platform\":\"soroush\",\"flow\":100,\"flow_low\":80,\"flow_high\":120,\"channel_pairs\":1,\"version\":1}",
          "{\"day\":\"2018-04-19\",\"from_platform\":\"telegram\",\"to_platform\":\"soroush\",\"flow\":120,\"flow_low\":100,\"flow_high\":140,\"channel_pairs\":1,\"version\":1}");
      insert(g, "channel_flows",
          "{\"day\":\"2018-04-18\",\"from_platform\":\"telegram\",\"from_channel\":\"a_chan\",\"to_platform\":\"soroush\",\"to_channel\":\"a_chan\",\"flow\":100,\"flow_low\":80,\"flow_high\":120,\"version\":1}",
          "{\"day\":\"2018-04-19\",\"from_platform\":\"telegram\",\"from_channel\":\"a_chan\",\"to_platform\":\"soroush\",\"to_channel\":\"a_chan\",\"flow\":120,\"flow_low\":100,\"flow_high\":140,\"version\":1}");
      // Views as last observed and at 24 h of age. The pair's first flow day is 18 April: telegram/a_chan's
      // 14 baseline days hold 7,000 + 7,000 views at 24 h; 19 April is written twice (the newer wins).
      insert(g, "channel_attention",
          attentionDay("telegram", "a_chan", "2018-04-10", 2, 7500, 2, 7000, 0, 1),
          attentionDay("telegram", "a_chan", "2018-04-17", 1, 7200, 1, 7000, 0, 1),
          attentionDay("telegram", "a_chan", "2018-04-18", 2, 1200, 2, 1000, 0, 1),
          attentionDay("telegram", "a_chan", "2018-04-19", 1, 100, 0, 0, 1, 1),
          attentionDay("telegram", "b_chan", "2018-04-18", 1, 500, 1, 400, 0, 1),
          attentionDay("telegram", "b_chan", "2018-04-19", 1, 90, 0, 0, 1, 1),
          attentionDay("soroush", "a_chan", "2018-04-18", 1, 700, 1, 600, 0, 1),
          attentionDay("soroush", "a_chan", "2018-04-19", 2, 900, 1, 800, 1, 1));
      insert(g, "channel_attention", attentionDay("telegram", "a_chan", "2018-04-19", 1, 300, 1, 200, 0, 2));
      insert(g, "channel_links",
          "{\"from_platform\":\"telegram\",\"from_channel\":\"a_chan\",\"to_platform\":\"soroush\",\"to_channel\":\"a_chan\",\"evidence\":\"post_link\",\"first_seen\":\"2018-04-18 06:30:00\",\"post_id\":7,\"confidence\":0.8,\"version\":1}",
          "{\"from_platform\":\"telegram\",\"from_channel\":\"a_chan\",\"to_platform\":\"gap\",\"to_channel\":\"copycat\",\"evidence\":\"same_content\",\"first_seen\":\"2018-04-18 06:30:00\",\"post_id\":null,\"confidence\":0.7,\"version\":1}");
      insert(g, "channel_profiles",
          "{\"platform\":\"telegram\",\"channel\":\"a_chan\",\"observed_at\":\"2018-04-18 12:00:00\",\"title\":\"" + TITLE
              + "\",\"description\":" + json(DESCRIPTION) + ",\"links\":[\"https://sapp.ir/a_chan\"],\"source\":\"test\"}");
      insert(g, "posts",
          "{\"platform\":\"telegram\",\"channel\":\"a_chan\",\"post_id\":7,\"published_at\":\"2018-04-18 06:30:00\",\"collected_at\":\"2018-04-18 08:00:00\","
              + "\"text\":" + json(ANNOUNCEMENT) + ",\"views\":900,\"forwards\":null,\"links\":[\"https://sapp.ir/a_chan\"],\"source\":\"test\"}");
      insert(g, "alerts",
          "{\"alert_id\":\"" + ALERT_ID + "\",\"pair\":\"soroush/a_chan|telegram/a_chan\",\"kind\":\"announced\",\"from_platform\":\"telegram\","
              + "\"from_channel\":\"a_chan\",\"to_platform\":\"soroush\",\"to_channel\":\"a_chan\",\"evidence\":\"post_link\",\"confidence\":0.8,"
              + "\"post_id\":7,\"seen_at\":\"2018-04-18 06:30:00\",\"raised_at\":\"2018-04-18 06:30:20\",\"version\":1}");
      insert(g, "platform_stats",
          "{\"platform\":\"soroush\",\"observed_at\":\"2018-04-18 12:00:00\",\"reported_users\":5000000,\"source\":\"AFP\"}");
    }
    return ch;
  }

  private static void insert(ClickHouseGateway g, String table, String... rows) {
    g.insertJsonEachRow(table, (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String platformDay(String day, String platform, int channels, long subscribers, Long reported) {
    return "{\"day\":\"" + day + "\",\"platform\":\"" + platform + "\",\"tracked_channels\":" + channels + ",\"tracked_subscribers\":"
        + subscribers + ",\"reported_users\":" + reported + ",\"posts\":0,\"views\":0,\"version\":1}";
  }

  private static String channelDay(String platform, String channel, String day, long subs) {
    return "{\"platform\":\"" + platform + "\",\"channel\":\"" + channel + "\",\"day\":\"" + day + "\",\"subscribers\":" + subs
        + ",\"subscribers_min\":" + subs + ",\"subscribers_max\":" + subs + ",\"observations\":1,\"posts\":0,\"views\":0,\"version\":1}";
  }

  private static String attentionDay(String platform, String channel, String day, int posts, long views, int posts24h, long views24h,
      int under24h, long version) {
    return "{\"platform\":\"" + platform + "\",\"channel\":\"" + channel + "\",\"day\":\"" + day + "\",\"posts\":" + posts
        + ",\"views\":" + views + ",\"posts_24h\":" + posts24h + ",\"views_24h\":" + views24h + ",\"posts_under_24h\":" + under24h
        + ",\"version\":" + version + "}";
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
