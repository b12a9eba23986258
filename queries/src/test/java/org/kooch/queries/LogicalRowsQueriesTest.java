package org.kooch.queries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.schemas.PlatformRegistry;

/**
 * The query classes read the tables directly ({@code t FINAL WHERE ...}, and channel_monthly) instead
 * of the {@code v_*} views, for speed on ClickHouse 18.16. Here, against the real server, on rows
 * that were rewritten (newer versions in separate, unmerged parts, some changing the columns the
 * queries filter on), they must return what the views return: each logical row once, its newest
 * version, and the range's border days in or out as asked.
 */
class LogicalRowsQueriesTest {
  static ClickHouseSettings ch;

  @BeforeAll
  static void fill() {
    ch = ClickHouseTestServer.freshDatabase("logical_rows");
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      write(g);
      assertThat(g.queryLong("SELECT count() FROM channel_daily")).isGreaterThan(g.queryLong("SELECT count() FROM channel_daily FINAL"));
    }
  }

  /** Writes the rows, several versions of many, into a migrated database (ClickHouseClusterIT writes them to a cluster). */
  static void write(ClickHouseGateway g) {
    // channel_daily: 6 channels over Jan-Apr 2019 with gaps; then a second delivery that rewrites
    // about a third of the days with a higher version and another count, and a duplicate batch.
    Random random = new Random(11);
    List<String> first = new ArrayList<>();
    List<String> rewrites = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      String platform = c % 2 == 0 ? "telegram" : "soroush";
      for (LocalDate d = LocalDate.of(2019, 1, 1); d.isBefore(LocalDate.of(2019, 5, 1)); d = d.plusDays(1)) {
        if (random.nextInt(4) == 0) {
          continue;
        }
        boolean counted = random.nextInt(6) != 0;
        long subs = 1000 + c * 100 + random.nextInt(500);
        first.add(channelDay(platform, "ch" + c, d, counted ? subs : null, 3));
        if (counted && random.nextInt(3) == 0) {
          rewrites.add(channelDay(platform, "ch" + c, d, subs + 1 + random.nextInt(300), 5));
        }
      }
    }
    insert(g, "channel_daily", first);
    insert(g, "channel_daily", rewrites);
    insert(g, "channel_daily", first); // delivered again: older versions, must lose

    insert(g, "posts", List.of(
        post(1, "2019-02-10 23:59:59", "[\"https://sapp.ir/ch0\"]", "announced, then edited away", 10, 1),
        post(2, "2019-02-11 00:00:00", "[]", "not yet", 10, 1),
        post(3, "2019-02-01 00:00:00", "[\"https://gap.im/ch0\"]", "first day of the range", 7, 1)));
    insert(g, "posts", List.of(
        post(1, "2019-02-10 23:59:59", "[]", "announced, then edited away", 30, 2),
        post(2, "2019-02-11 00:00:00", "[\"https://sapp.ir/ch0\"]", "now announcing", 40, 2),
        post(3, "2019-02-01 00:00:00", "[\"https://gap.im/ch0\"]", "first day of the range", 9, 2)));

    insert(g, "channel_flows", List.of(
        flow("2019-02-10", 100, 150, 1), flow("2019-02-11", 50, 80, 1)));
    insert(g, "channel_flows", List.of(flow("2019-02-10", 0, 0, 2), flow("2019-02-11", 60, 90, 2)));
    insert(g, "migration_flows", List.of(
        "{\"day\":\"2019-02-10\",\"from_platform\":\"telegram\",\"to_platform\":\"soroush\",\"flow\":100,\"flow_low\":80,\"flow_high\":150,\"channel_pairs\":1,\"version\":1}"));
    insert(g, "migration_flows", List.of(
        "{\"day\":\"2019-02-10\",\"from_platform\":\"telegram\",\"to_platform\":\"soroush\",\"flow\":0,\"flow_low\":0,\"flow_high\":0,\"channel_pairs\":0,\"version\":2}"));
    insert(g, "channel_links", List.of(
        "{\"from_platform\":\"telegram\",\"from_channel\":\"ch0\",\"to_platform\":\"soroush\",\"to_channel\":\"ch1\",\"evidence\":\"post_link\",\"first_seen\":\"2019-02-10 23:59:59\",\"post_id\":1,\"confidence\":0.8,\"version\":1}"));
    insert(g, "platform_daily", List.of(
        "{\"day\":\"2019-02-10\",\"platform\":\"telegram\",\"tracked_channels\":3,\"tracked_subscribers\":3000,\"reported_users\":null,\"posts\":0,\"views\":0,\"version\":1}"));
    insert(g, "platform_daily", List.of(
        "{\"day\":\"2019-02-10\",\"platform\":\"telegram\",\"tracked_channels\":3,\"tracked_subscribers\":3100,\"reported_users\":null,\"posts\":0,\"views\":0,\"version\":2}"));
  }

  @Test
  void channelChangesEqualTheViewOverAnyRange() {
    String[][] ranges = {
        {null, null}, {"2019-01-01", "2019-04-30"}, {"2019-01-15", "2019-03-20"}, {"2019-02-01", "2019-02-28"},
        {"2019-02-03", "2019-02-03"}, {"2019-01-31", "2019-03-01"}, {"2019-03-01", null}, {null, "2019-02-14"},
        {"2019-02-10", "2019-03-31"}, {"2018-12-01", "2019-01-31"}};
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      ChannelChanges changes = new ChannelChanges(g);
      for (String[] r : ranges) {
        for (Set<String> platforms : List.of(Set.<String>of(), Set.of("soroush"))) {
          Filters f = new Filters(DateRange.parse(r[0], r[1]), platforms);
          List<String> expected = new ArrayList<>();
          for (JsonNode row : g.query("SELECT platform, channel, toString(min(day)) AS fd, argMin(s, day) AS fs, toString(max(day)) AS ld,"
              + " argMax(s, day) AS ls FROM (SELECT platform, channel, day, assumeNotNull(subscribers) AS s FROM v_channel_daily"
              + " WHERE subscribers IS NOT NULL AND " + f.range().sql("day") + f.platformIn("platform") + ")"
              + " GROUP BY platform, channel ORDER BY ls - fs DESC, platform, channel")) {
            expected.add(row.get("platform").asText() + "/" + row.get("channel").asText() + " " + row.get("fd").asText() + " "
                + row.get("fs").asLong() + " " + row.get("ld").asText() + " " + row.get("ls").asLong());
          }
          List<String> actual = changes.query(f, ChannelChanges.Order.CHANGE, ChannelChanges.MAX_LIMIT).stream()
              .map(c -> c.platform() + "/" + c.channel() + " " + c.firstDay() + " " + c.firstSubscribers() + " " + c.lastDay() + " "
                  + c.lastSubscribers())
              .toList();
          assertThat(actual).as("range %s..%s %s", r[0], r[1], platforms).isNotEmpty().isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void gainersAndLosersInOneReadEqualTheTwoOrders() {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      ChannelChanges changes = new ChannelChanges(g);
      for (String[] r : new String[][] {{null, null}, {"2019-01-15", "2019-03-20"}, {"2019-02-03", "2019-02-04"}}) {
        Filters f = new Filters(DateRange.parse(r[0], r[1]), Set.of());
        for (int limit : new int[] {1, 2, 10}) {
          ChannelChanges.GainersAndLosers both = changes.gainersAndLosers(f, limit);
          assertThat(both.gainers()).isEqualTo(changes.query(f, ChannelChanges.Order.GAIN, limit));
          assertThat(both.losers()).isEqualTo(changes.query(f, ChannelChanges.Order.LOSS, limit));
        }
      }
    }
  }

  @Test
  void announcementsAreTheNewestVersionsOnTheRangesDays() {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      Announcements a = new Announcements(g);
      List<Announcements.Post> feb = a.query(new Filters(DateRange.parse("2019-02-01", "2019-02-11"), Set.of()));
      assertThat(feb).extracting(Announcements.Post::postId).containsExactly(2L, 3L);
      assertThat(feb.get(0).views()).isEqualTo(40);
      assertThat(feb.get(0).text()).isEqualTo("now announcing");
      assertThat(a.query(new Filters(DateRange.parse("2019-02-02", "2019-02-10"), Set.of()))).isEmpty();
      assertThat(a.of(List.of(new Account("telegram", "ch0")), DateRange.parse("2019-02-11", "2019-02-11")))
          .extracting(Announcements.Post::postId).containsExactly(2L);
    }
  }

  @Test
  void flowsPlatformsAndTheChannelPageSeeOnlyNewestVersions() {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      PlatformRegistry registry = PlatformRegistry.defaults();
      Filters all = Filters.all();
      assertThat(new MigrationFlows(g, registry).rows(all)).isEmpty();
      assertThat(new PlatformSeries(g, registry).rows(all)).singleElement()
          .satisfies(r -> assertThat(r.trackedSubscribers()).isEqualTo(3100));
      ChannelPage.Result page = new ChannelPage(g, registry).query("telegram", "ch0", DateRange.parse("2019-02-01", "2019-02-28"));
      assertThat(page.accounts()).extracting(ChannelPage.Profile::channel).containsExactly("ch0", "ch1");
      assertThat(page.flows()).singleElement().satisfies(fl -> {
        assertThat(fl.flow()).isEqualTo(60);
        assertThat(fl.flowHigh()).isEqualTo(90);
      });
      List<JsonNode> viewDays = g.query("SELECT day, subscribers FROM v_channel_daily WHERE platform = 'telegram' AND channel = 'ch0'"
          + " AND subscribers IS NOT NULL AND day >= '2019-02-01' AND day <= '2019-02-28' ORDER BY day");
      List<Long> series = page.subscribers().get(0);
      assertThat(series.stream().filter(java.util.Objects::nonNull).toList())
          .isEqualTo(viewDays.stream().map(r -> r.get("subscribers").asLong()).toList());
      assertThat(page.announcements()).extracting(Announcements.Post::postId).containsExactly(3L, 2L);
    }
  }

  private static String channelDay(String platform, String channel, LocalDate day, Long subs, long version) {
    return "{\"platform\":\"" + platform + "\",\"channel\":\"" + channel + "\",\"day\":\"" + day + "\",\"subscribers\":" + subs
        + ",\"subscribers_min\":" + subs + ",\"subscribers_max\":" + subs + ",\"observations\":1,\"posts\":0,\"views\":0,\"version\":"
        + version + "}";
  }

  private static String post(long id, String at, String links, String text, long views, long version) {
    return "{\"platform\":\"telegram\",\"channel\":\"ch0\",\"post_id\":" + id + ",\"published_at\":\"" + at + "\",\"collected_at\":\"" + at
        + "\",\"text\":\"" + text + "\",\"views\":" + views + ",\"forwards\":null,\"links\":" + links + ",\"source\":\"test\",\"version\":"
        + version + "}";
  }

  private static String flow(String day, long flow, long high, long version) {
    return "{\"day\":\"" + day + "\",\"from_platform\":\"telegram\",\"from_channel\":\"ch0\",\"to_platform\":\"soroush\",\"to_channel\":\"ch1\","
        + "\"flow\":" + flow + ",\"flow_low\":" + flow / 2 + ",\"flow_high\":" + high + ",\"version\":" + version + "}";
  }

  private static void insert(ClickHouseGateway g, String table, List<String> rows) {
    g.insertJsonEachRow(table, (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
