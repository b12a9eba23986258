package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/**
 * The migration analytics of the landing job on a MiniCluster at parallelism 2, with a real broker
 * and a real ClickHouse, on a hand-made story: a Telegram channel grows 0.5% a day, announces its
 * Soroush account on day 22 and loses 8,011, 5,003, 3,007 and 1,509 subscribers beyond its growth on
 * days 22-25; the new Soroush channel gains them (and on day 24 some more, people who did not leave
 * Telegram); a control channel grows steadily and is not observed for three days.
 *
 * <p>The story has a broker of its own, read in the order it was written ({@link Story#landInOrder}):
 * its cross-post must meet the post it copies in the same-content detector.
 */
class MigrationAnalyticsIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final LocalDate DAY0 = LocalDate.parse("2019-03-01");
  private static final Story STORY = new Story(DAY0);
  private static final String MOVER = "kooch_it_mover";
  private static final String CONTROL = "kooch_it_control";
  private static final int LINK_DAY = 22;
  private static final int LAST_DAY = 27;
  /** Subscribers Telegram loses beyond its baseline on days 22-25: the flows to find. */
  private static final Map<Integer, Long> MOVED = Map.of(22, 8_011L, 23, 5_003L, 24, 3_007L, 25, 1_509L);
  /** Control days whose end is not observed (counts are observed at the midnight ending a day). */
  private static final List<Integer> CONTROL_GAP = List.of(10, 11, 12);


  @Test
  void findsTheLinksTheFlowsAndThePlatformDays() throws Exception {
    long[] telegram = new long[LAST_DAY + 1];
    long[] soroush = new long[LAST_DAY + 1];
    long[] control = new long[LAST_DAY + 1];
    telegram[0] = 100_003;
    for (int k = 1; k <= LAST_DAY; k++) {
      long t = Math.round(telegram[k - 1] * 1.005) - MOVED.getOrDefault(k, 0L);
      telegram[k] = t % 100 == 0 ? t + 1 : t; // a multiple of 100 would look like a rounded counter
    }
    long[] soroushGains = {8_011, 5_003, 4_012, 1_509, 213, 187}; // day 24: more than Telegram lost
    for (int k = LINK_DAY; k <= LAST_DAY; k++) {
      soroush[k] = (k == LINK_DAY ? 0 : soroush[k - 1]) + soroushGains[k - LINK_DAY];
    }
    for (int k = 0; k <= LAST_DAY; k++) {
      control[k] = 50_004 + 211L * k;
    }
    for (int k = 0; k <= LAST_DAY; k++) {
      assertThat(control[k] % 100).as("exact counts in this story are no multiples of 100").isNotZero();
      assertThat(k < LINK_DAY || soroush[k] % 100 != 0).as("exact counts in this story are no multiples of 100").isTrue();
    }

    List<String> lines = new ArrayList<>();
    for (int k = 0; k <= LAST_DAY; k++) {
      lines.add(Story.count("telegram", MOVER, STORY.dayEnd(k), telegram[k]));
      if (k % 5 == 0) {
        lines.add(Story.count("telegram", MOVER, STORY.dayEnd(k), telegram[k])); // delivered twice
        lines.add(Story.count("telegram", MOVER, STORY.dayEnd(k) - 12 * 3_600_000L, telegram[k] - 250)); // irregular times too
      }
      if (!CONTROL_GAP.contains(k)) {
        lines.add(Story.count("telegram", CONTROL, STORY.dayEnd(k), control[k]));
      }
      if (k >= LINK_DAY) {
        lines.add(Story.count("soroush", MOVER, STORY.dayEnd(k), soroush[k]));
      }
    }
    String announcement = "کانال ما از امروز در سروش‌پلاس هم فعال است؛ لطفاً ما را در آنجا دنبال کنید و به دوستانتان خبر بدهید.";
    Instant announcedAt = STORY.at(LINK_DAY, 8);
    lines.add(Story.post("telegram", MOVER, 1, announcedAt, announcement + " sapp.ir/" + MOVER + " #اطلاعیه", 12_345));
    Instant crossPostedAt = STORY.at(LINK_DAY + 1, 7); // the same text on Soroush 23 hours later (same-content window: a day)
    lines.add(Story.post("soroush", MOVER, 7, crossPostedAt, announcement.replace('ی', 'ي').replace('ک', 'ك') + " #سروش‌پلاس", 2_222));
    lines.add(Story.post("telegram", CONTROL, 1, STORY.at(5, 10), "گزارش هواشناسی: آسمان صاف تا کمی ابری در بیشتر نقاط کشور، وزش باد در جنوب.", 999));

    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("analytics");
    Story.landInOrder(lines, ch, "migration-analytics-it");

    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      assertLinks(g, announcedAt, crossPostedAt);
      assertChannelFlows(g);
      assertMigrationFlowsSumChannelFlows(g);
      assertPlatformDays(g, telegram, soroush, control);
    }
  }

  private static void assertLinks(ClickHouseGateway g, Instant announcedAt, Instant crossPostedAt) {
    List<JsonNode> links = g.query(
        "SELECT from_platform, from_channel, to_platform, to_channel, evidence, toUnixTimestamp(first_seen) AS first_seen, post_id, confidence"
            + " FROM v_channel_links WHERE from_channel LIKE 'kooch_it_%' OR to_channel LIKE 'kooch_it_%' ORDER BY evidence");
    assertThat(links).extracting(l -> l.get("from_platform").asText() + "/" + l.get("from_channel").asText() + ">"
            + l.get("to_platform").asText() + "/" + l.get("to_channel").asText() + "#" + l.get("evidence").asText())
        .containsExactly(
            "telegram/kooch_it_mover>soroush/kooch_it_mover#post_link",
            "telegram/kooch_it_mover>soroush/kooch_it_mover#same_content",
            "soroush/kooch_it_mover>telegram/kooch_it_mover#same_handle");
    JsonNode postLink = links.get(0);
    assertThat(postLink.get("first_seen").asLong()).isEqualTo(announcedAt.getEpochSecond());
    assertThat(postLink.get("post_id").asLong()).isEqualTo(1);
    assertThat(postLink.get("confidence").asDouble()).isEqualTo(0.8);
    // the cross-post, from the earlier post's channel; seen when the copy appeared
    JsonNode sameContent = links.get(1);
    assertThat(sameContent.get("first_seen").asLong()).isEqualTo(crossPostedAt.getEpochSecond());
    assertThat(sameContent.get("post_id").asLong()).isEqualTo(7);
    // same handle: since both accounts were seen, i.e. Soroush's first count
    assertThat(links.get(2).get("first_seen").asLong()).isEqualTo(STORY.dayEnd(LINK_DAY) / 1000);
    assertThat(links.get(2).get("post_id").isNull()).isTrue();
  }

  private static void assertChannelFlows(ClickHouseGateway g) {
    List<JsonNode> flows = g.query(
        "SELECT toString(day) AS day, from_platform, from_channel, to_platform, to_channel, flow, flow_low, flow_high"
            + " FROM v_channel_flows WHERE from_channel LIKE 'kooch_it_%' OR to_channel LIKE 'kooch_it_%' ORDER BY day, from_platform");
    Map<Integer, JsonNode> toSoroush = new HashMap<>();
    for (JsonNode f : flows) {
      String pair = f.get("from_platform").asText() + "/" + f.get("from_channel").asText() + ">" + f.get("to_platform").asText() + "/" + f.get("to_channel").asText();
      long flow = f.get("flow").asLong();
      assertThat(f.get("flow_low").asLong()).as("%s", f).isLessThanOrEqualTo(flow);
      assertThat(f.get("flow_high").asLong()).as("%s", f).isGreaterThanOrEqualTo(flow);
      if (pair.equals("telegram/kooch_it_mover>soroush/kooch_it_mover")) {
        toSoroush.put(day(f), f);
      } else {
        // the reverse direction, and anything else: no flow (a row may only show a range around zero)
        assertThat(flow).as("%s %s", pair, f).isZero();
      }
    }
    // The first two days of a move are estimated day by day; later days are averaged with their
    // neighbours (PairBaseline: flows slow down, count noise does not), so the move's tail is
    // spread over the following days while its total is kept.
    for (int d = LINK_DAY; d < LINK_DAY + 2; d++) {
      JsonNode f = toSoroush.get(d);
      assertThat(f).as("a flow on day %d", d).isNotNull();
      assertThat(f.get("flow").asDouble()).as("flow on day %d", d).isBetween(0.9 * MOVED.get(d), 1.1 * MOVED.get(d));
    }
    long moved = MOVED.values().stream().mapToLong(Long::longValue).sum();
    long estimated = toSoroush.values().stream().mapToLong(f -> f.get("flow").asLong()).sum();
    assertThat((double) estimated).as("all flow of the move").isBetween(0.9 * moved, 1.1 * moved);
    assertThat(toSoroush.keySet()).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(LINK_DAY));
    toSoroush.forEach((d, f) -> {
      if (d > LINK_DAY + 5) {
        assertThat(f.get("flow").asLong()).as("no move on day %d", d).isLessThan(50);
      }
    });
  }

  private static void assertMigrationFlowsSumChannelFlows(ClickHouseGateway g) {
    String days = "day BETWEEN '" + DAY0 + "' AND '" + DAY0.plusDays(LAST_DAY + 5) + "'";
    List<JsonNode> perDay = g.query(
        "SELECT toString(day) AS day, flow, flow_low, flow_high, channel_pairs FROM v_migration_flows"
            + " WHERE from_platform = 'telegram' AND to_platform = 'soroush' AND " + days + " ORDER BY day");
    List<JsonNode> sums = g.query(
        "SELECT toString(day) AS d, sum(flow) AS f, sum(flow_low) AS lo, sum(flow_high) AS hi, countIf(flow > 0) AS pairs"
            + " FROM v_channel_flows WHERE from_platform = 'telegram' AND to_platform = 'soroush' AND " + days + " GROUP BY day ORDER BY day");
    assertThat(perDay).isNotEmpty();
    assertThat(perDay).extracting(r -> figures(r, "day", "flow", "flow_low", "flow_high", "channel_pairs"))
        .containsExactlyElementsOf(sums.stream().map(r -> figures(r, "d", "f", "lo", "hi", "pairs")).toList());
    assertThat(perDay).filteredOn(r -> MOVED.containsKey(day(r))).hasSize(MOVED.size())
        .allSatisfy(r -> assertThat(r.get("channel_pairs").asInt()).isEqualTo(1));
  }

  private static void assertPlatformDays(ClickHouseGateway g, long[] telegram, long[] soroush, long[] control) {
    Map<String, JsonNode> rows = new HashMap<>();
    for (JsonNode r : g.query(
        "SELECT toString(day) AS day, platform, tracked_channels, tracked_subscribers, reported_users, posts, views FROM v_platform_daily"
            + " WHERE day BETWEEN '" + DAY0 + "' AND '" + DAY0.plusDays(LAST_DAY + 5) + "'")) {
      rows.put(r.get("platform").asText() + " " + r.get("day").asText(), r);
    }
    // a count observed at the midnight ending day k is day k's end; after the last count nothing
    // is carried flat (DayEndInterpolation.MAX_CARRY_MS): days after LAST_DAY are not checked
    for (int k = 0; k <= LAST_DAY; k++) {
      int c = Math.min(k, LAST_DAY);
      JsonNode tg = rows.get("telegram " + DAY0.plusDays(k));
      assertThat(tg).as("telegram on day %d", k).isNotNull();
      // control's gap: day 10's end is unknown (the last count is a day old, the next 3 days away),
      // platform_daily carries day 9's; day 11's is interpolated; day 12 has none: day 11's is carried
      long controlEnd = k == 10 ? control[9] : k == 12 ? control[11] : control[c];
      assertThat(tg.get("tracked_subscribers").asLong()).as("telegram on day %d", k).isEqualTo(telegram[c] + controlEnd);
      assertThat(tg.get("tracked_channels").asInt()).isEqualTo(2);
      assertThat(tg.get("reported_users").isNull()).isTrue();
      if (k >= LINK_DAY) {
        JsonNode so = rows.get("soroush " + DAY0.plusDays(k));
        assertThat(so).as("soroush on day %d", k).isNotNull();
        assertThat(so.get("tracked_subscribers").asLong()).as("soroush on day %d", k).isEqualTo(soroush[c]);
        assertThat(so.get("tracked_channels").asInt()).isEqualTo(1);
      }
    }
    assertThat(rows.get("soroush " + DAY0.plusDays(LINK_DAY - 1))).isNull();
    JsonNode announcementDay = rows.get("telegram " + DAY0.plusDays(LINK_DAY));
    assertThat(announcementDay.get("posts").asLong()).isEqualTo(1);
    assertThat(announcementDay.get("views").asLong()).isEqualTo(12_345);
    assertThat(rows.get("soroush " + DAY0.plusDays(LINK_DAY + 1)).get("views").asLong()).isEqualTo(2_222);
  }

  private static String figures(JsonNode r, String day, String flow, String low, String high, String pairs) {
    return r.get(day).asText() + " " + r.get(flow).asLong() + " [" + r.get(low).asLong() + ".." + r.get(high).asLong()
        + "] pairs=" + r.get(pairs).asLong();
  }

  private static int day(JsonNode r) {
    return (int) (LocalDate.parse(r.get("day").asText()).toEpochDay() - DAY0.toEpochDay());
  }
}
