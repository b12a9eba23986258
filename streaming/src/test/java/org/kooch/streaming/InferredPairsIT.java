package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/**
 * A move nobody announced, through a real broker, the job on a MiniCluster at parallelism 2 and a
 * real ClickHouse: a Telegram channel opens a Soroush account with its handle on day 20 and mirrors
 * every post there an hour later, never linking it; Telegram loses 6,011, 4,003, 2,007 and 1,009
 * subscribers beyond its growth on days 20-23 and Soroush gains them. An impostor under the same
 * handle on Gap has its own posts and audience from the start.
 *
 * <p>The story has a broker of its own, read in the order it was written ({@link Story#landInOrder}):
 * which posts the same-content detector pairs depends on everything the job reads before them.
 */
class InferredPairsIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final LocalDate DAY0 = LocalDate.parse("2019-07-01");
  private static final Story STORY = new Story(DAY0);
  private static final String OWNER = "kooch_ip_owner";
  private static final String CONTROL = "kooch_ip_control";
  private static final int MOVE_DAY = 20;
  private static final int LAST_DAY = 30;
  private static final Map<Integer, Long> MOVED = Map.of(20, 6_011L, 21, 4_003L, 22, 2_007L, 23, 1_009L);
  private static final List<String> WORDS = List.of(
      "اقتصاد", "سیاست", "ورزش", "فرهنگ", "فناوری", "سلامت", "آموزش", "انرژی", "کشاورزی", "مسکن", "خودرو", "بورس",
      "نفت", "دانشگاه", "مجلس", "دولت", "قضایی", "منطقه", "تهران", "هنر", "سینما", "کتاب", "موسیقی", "گردشگری",
      "امنیت", "جوانان", "خانواده", "بازار", "ارز", "طلا", "تورم", "اشتغال", "صنعت", "معدن", "باران", "دریا");

  private final Random random = new Random(19);

  @Test
  void findsTheUnannouncedMoveAndItsFlowsButNotTheImpostor() throws Exception {
    long[] telegram = new long[LAST_DAY + 1];
    long[] soroush = new long[LAST_DAY + 1];
    telegram[0] = 200_003;
    for (int k = 1; k <= LAST_DAY; k++) {
      long t = Math.round(telegram[k - 1] * 1.005) - MOVED.getOrDefault(k, 0L);
      telegram[k] = t % 100 == 0 ? t + 1 : t; // a multiple of 100 would look like a rounded counter
    }
    long[] soroushGains = {6_011, 4_003, 2_007, 1_009, 151, 133, 121, 117, 109, 103, 101};
    for (int k = MOVE_DAY; k <= LAST_DAY; k++) {
      long s = (k == MOVE_DAY ? 0 : soroush[k - 1]) + soroushGains[k - MOVE_DAY];
      soroush[k] = s % 100 == 0 ? s + 1 : s;
    }

    List<String> lines = new ArrayList<>();
    Instant firstCopy = null;
    long postId = 1;
    for (int k = 0; k <= LAST_DAY; k++) {
      lines.add(Story.count("telegram", OWNER, STORY.dayEnd(k), telegram[k]));
      lines.add(Story.count("telegram", CONTROL, STORY.dayEnd(k), 50_003 + 211L * k));
      lines.add(Story.count("gap", OWNER, STORY.dayEnd(k), 30_007 + 151L * k));
      if (k >= MOVE_DAY) {
        lines.add(Story.count("soroush", OWNER, STORY.dayEnd(k), soroush[k]));
      }
      for (int i = 0; i < 3; i++) {
        Instant published = STORY.at(k, 6 + 5 * i);
        String text = text();
        lines.add(Story.post("telegram", OWNER, postId, published, text, 1000));
        if (k >= MOVE_DAY) {
          Instant copied = published.plusSeconds(3_600);
          firstCopy = firstCopy == null ? copied : firstCopy;
          lines.add(Story.post("soroush", OWNER, postId, copied, text, 1000));
        }
        lines.add(Story.post("gap", OWNER, postId, STORY.at(k, 8 + 5 * i), text(), 1000)); // the impostor's own posts
        postId++;
      }
    }

    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("inferred");
    Story.landInOrder(lines, ch, "inferred-pairs-it");

    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      List<JsonNode> inferred = g.query("SELECT from_platform, from_channel, to_platform, to_channel, toUnixTimestamp(first_seen) AS first_seen,"
          + " confidence FROM v_channel_links WHERE evidence = 'inferred' AND (from_channel LIKE 'kooch_ip_%' OR to_channel LIKE 'kooch_ip_%')");
      assertThat(inferred).extracting(l -> l.get("from_platform").asText() + "/" + l.get("from_channel").asText() + ">"
          + l.get("to_platform").asText() + "/" + l.get("to_channel").asText()).containsExactly("telegram/" + OWNER + ">soroush/" + OWNER);
      assertThat(inferred.get(0).get("first_seen").asLong()).as("the first shared post").isEqualTo(firstCopy.getEpochSecond());
      assertThat(inferred.get(0).get("confidence").asDouble()).isGreaterThan(0.99);
      assertThat(g.queryLong("SELECT count() FROM v_channel_links WHERE from_channel LIKE 'kooch_ip_%' AND from_platform != to_platform"
          + " AND evidence IN ('post_link', 'profile_link')")).as("nothing was announced").isZero();

      List<JsonNode> flows = g.query("SELECT toString(day) AS day, from_platform, to_platform, to_channel, flow, flow_low, flow_high, found_by"
          + " FROM v_channel_flows WHERE from_channel LIKE 'kooch_ip_%' OR to_channel LIKE 'kooch_ip_%' ORDER BY day");
      assertThat(flows).as("no flow touches the impostor")
          .noneMatch(f -> f.get("from_platform").asText().equals("gap") || f.get("to_platform").asText().equals("gap"));
      assertThat(flows).allMatch(f -> f.get("found_by").asText().equals("inferred"));
      long moved = MOVED.values().stream().mapToLong(Long::longValue).sum();
      long estimated = flows.stream().filter(f -> f.get("from_platform").asText().equals("telegram")).mapToLong(f -> f.get("flow").asLong()).sum();
      assertThat((double) estimated).as("the move's flow").isBetween(0.85 * moved, 1.15 * moved);
      assertThat(flows).filteredOn(f -> f.get("from_platform").asText().equals("telegram"))
          .allSatisfy(f -> assertThat(LocalDate.parse(f.get("day").asText())).isAfterOrEqualTo(DAY0.plusDays(MOVE_DAY)));

      String days = "day BETWEEN '" + DAY0 + "' AND '" + DAY0.plusDays(LAST_DAY + 5) + "'";
      assertThat(g.query("SELECT flow, inferred_flow, inferred_pairs, channel_pairs FROM v_migration_flows"
          + " WHERE from_platform = 'telegram' AND to_platform = 'soroush' AND " + days))
          .isNotEmpty()
          .allSatisfy(r -> {
            assertThat(r.get("inferred_flow").asLong()).isEqualTo(r.get("flow").asLong());
            assertThat(r.get("inferred_pairs").asLong()).isEqualTo(r.get("channel_pairs").asLong());
          });

      List<JsonNode> alerts = g.query("SELECT kind, evidence, from_platform, to_platform FROM v_alerts WHERE pair LIKE '%kooch_ip_%'");
      assertThat(alerts).extracting(a -> a.get("kind").asText() + " " + a.get("from_platform").asText() + ">" + a.get("to_platform").asText())
          .containsExactly("inferred telegram>soroush");
    }
  }

  /** Ten words drawn for one post: any two posts share few of their shingles. */
  private String text() {
    StringBuilder s = new StringBuilder("خبر:");
    for (int i = 0; i < 10; i++) {
      s.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return s.toString();
  }
}
