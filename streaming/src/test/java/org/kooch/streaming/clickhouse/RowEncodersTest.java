package org.kooch.streaming.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.clickhouse.SchemaMigrator;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.PostRef;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.alerts.AlertRow;
import org.kooch.streaming.landing.RawTableRows;
import org.kooch.streaming.daily.ChannelDailyRow;
import org.kooch.streaming.flows.ChannelFlowRow;
import org.kooch.streaming.flows.MigrationFlowRow;
import org.kooch.streaming.links.ChannelLinkRow;
import org.kooch.streaming.platforms.PlatformDailyRow;

/**
 * Every table's encoder against the real server: RowBinary has no names or types, so a column
 * written as the wrong type shifts every value after it (or fails the insert). Each row goes in
 * through the sink's encoding and comes back as the server read it.
 */
class RowEncodersTest {
  private static final String PERSIAN = "خبر\u200cفوری: ۱۲۳ كاربر 🇮🇷🌹 \"quoted\"\ttab\nline";
  private static final Instant PUBLISHED = Instant.parse("2018-04-18T06:30:15Z");

  private static ClickHouseSettings settings;

  @BeforeAll
  static void database() {
    settings = ClickHouseTestServer.freshDatabase("rows");
    new SchemaMigrator(settings).migrate();
  }

  @Test
  void postsWithEveryOptionalColumnAndWithout() throws Exception {
    Post full = Post.newBuilder().setPlatform("telegram").setChannel("khamenei_ir").setPostId(30774L)
        .setPublishedAt(PUBLISHED).setCollectedAt(PUBLISHED.plusSeconds(3600)).setText(PERSIAN)
        .setViews(1_200_000L).setForwards(17L)
        .setForwardedFrom(PostRef.newBuilder().setPlatform("telegram").setChannel("leader_ir").setPostId(5521L).setName("رهبری").build())
        .setLinks(List.of("https://sapp.ir/khamenei_ir", "https://gap.im/khamenei")).setSource("telegram-web").build();
    Post bare = Post.newBuilder(full).setPostId(30775L).setViews(null).setForwards(null).setForwardedFrom(null)
        .setLinks(List.of()).build();
    insert("posts", RawTableRows.POSTS, List.of(full, bare));

    List<JsonNode> rows = read("SELECT *, toUnixTimestamp(published_at) AS published FROM posts ORDER BY post_id");
    assertThat(rows).hasSize(2);
    JsonNode a = rows.get(0);
    assertThat(a.get("platform").asText()).isEqualTo("telegram");
    assertThat(a.get("post_id").asLong()).isEqualTo(30774L);
    assertThat(a.get("published").asLong()).isEqualTo(PUBLISHED.getEpochSecond());
    assertThat(a.get("text").asText()).isEqualTo(PERSIAN);
    assertThat(a.get("views").asLong()).isEqualTo(1_200_000L);
    assertThat(a.get("forwards").asLong()).isEqualTo(17L);
    assertThat(a.get("forwarded_from_channel").asText()).isEqualTo("leader_ir");
    assertThat(a.get("forwarded_from_post_id").asLong()).isEqualTo(5521L);
    assertThat(a.get("forwarded_from_name").asText()).isEqualTo("رهبری");
    assertThat(a.get("links")).hasSize(2);
    assertThat(a.get("links").get(1).asText()).isEqualTo("https://gap.im/khamenei");
    assertThat(a.get("source").asText()).isEqualTo("telegram-web");
    assertThat(a.get("version").asLong()).isEqualTo(PUBLISHED.plusSeconds(3600).toEpochMilli());
    JsonNode b = rows.get(1);
    assertThat(b.get("views").isNull()).isTrue();
    assertThat(b.get("forwarded_from_platform").isNull()).isTrue();
    assertThat(b.get("forwarded_from_post_id").isNull()).isTrue();
    assertThat(b.get("links")).isEmpty();
    assertThat(b.get("source").asText()).isEqualTo("telegram-web");
  }

  @Test
  void rawCountsProfilesAndPlatformReports() throws Exception {
    insert("subscriber_snapshots", RawTableRows.SUBSCRIBER_SNAPSHOTS,
        List.of(SubscriberCount.newBuilder().setPlatform("soroush").setChannel("khamenei_ir").setObservedAt(PUBLISHED)
            .setSubscribers(5_000_123L).setSource("sapp-web").build()));
    insert("channel_profiles", RawTableRows.CHANNEL_PROFILES,
        List.of(ChannelProfile.newBuilder().setPlatform("gap").setChannel("khamenei").setObservedAt(PUBLISHED)
            .setTitle(PERSIAN).setDescription(null).setLinks(List.of("https://t.me/khamenei_ir")).setSource("gap-web").build()));
    insert("platform_stats", RawTableRows.PLATFORM_STATS,
        List.of(PlatformStat.newBuilder().setPlatform("soroush").setObservedAt(PUBLISHED).setReportedUsers(5_000_000L)
            .setSource("press").build()));

    JsonNode count = read("SELECT *, toUnixTimestamp(observed_at) AS t FROM subscriber_snapshots").get(0);
    assertThat(count.get("subscribers").asLong()).isEqualTo(5_000_123L);
    assertThat(count.get("t").asLong()).isEqualTo(PUBLISHED.getEpochSecond());
    assertThat(count.get("source").asText()).isEqualTo("sapp-web");
    JsonNode profile = read("SELECT * FROM channel_profiles").get(0);
    assertThat(profile.get("title").asText()).isEqualTo(PERSIAN);
    assertThat(profile.get("description").isNull()).isTrue();
    assertThat(profile.get("links").get(0).asText()).isEqualTo("https://t.me/khamenei_ir");
    assertThat(profile.get("source").asText()).isEqualTo("gap-web");
    JsonNode stat = read("SELECT * FROM platform_stats").get(0);
    assertThat(stat.get("reported_users").asLong()).isEqualTo(5_000_000L);
    assertThat(stat.get("source").asText()).isEqualTo("press");
  }

  @Test
  void derivedTables() throws Exception {
    long day = LocalDate.parse("2018-04-30").toEpochDay();
    ChannelDailyRow daily = new ChannelDailyRow();
    daily.platform = "telegram";
    daily.channel = "khamenei_ir";
    daily.epochDay = day;
    daily.subscribers = 900_000L;
    daily.subscribersMin = null;
    daily.subscribersMax = 950_000L;
    daily.observations = 24;
    daily.posts = 3;
    daily.views = 2_500_000L;
    daily.version = 7;
    insert("channel_daily", ChannelDailyRow.ENCODER, List.of(daily));

    ChannelLinkRow link = new ChannelLinkRow("telegram", "khamenei_ir", "soroush", "khamenei_ir", ChannelLinkRow.POST_LINK,
        PUBLISHED.toEpochMilli(), 30774L, 0.8);
    ChannelLinkRow noPost = new ChannelLinkRow("telegram", "a", "gap", "a", ChannelLinkRow.SAME_HANDLE,
        PUBLISHED.toEpochMilli(), null, 0.5);
    insert("channel_links", ChannelLinkRow.ENCODER, List.of(link, noPost));

    insert("channel_flows", ChannelFlowRow.ENCODER,
        List.of(new ChannelFlowRow(day, "telegram/khamenei_ir", "soroush/khamenei_ir", 12_000, 9_000, 15_000)));
    MigrationFlowRow platformFlow = new MigrationFlowRow();
    platformFlow.epochDay = day;
    platformFlow.fromPlatform = "telegram";
    platformFlow.toPlatform = "soroush";
    platformFlow.flow = 12_000;
    platformFlow.flowLow = 9_000;
    platformFlow.flowHigh = 15_000;
    platformFlow.channelPairs = 1;
    insert("migration_flows", MigrationFlowRow.ENCODER, List.of(platformFlow));
    PlatformDailyRow platform = new PlatformDailyRow();
    platform.epochDay = day;
    platform.platform = "soroush";
    platform.trackedChannels = 12;
    platform.trackedSubscribers = 3_400_000L;
    platform.reportedUsers = null;
    platform.posts = 40;
    platform.views = -1;
    insert("platform_daily", PlatformDailyRow.ENCODER, List.of(platform));

    JsonNode d = read("SELECT *, toString(day) AS d FROM channel_daily").get(0);
    assertThat(d.get("d").asText()).isEqualTo("2018-04-30");
    assertThat(d.get("subscribers").asLong()).isEqualTo(900_000L);
    assertThat(d.get("subscribers_min").isNull()).isTrue();
    assertThat(d.get("subscribers_max").asLong()).isEqualTo(950_000L);
    assertThat(d.get("observations").asLong()).isEqualTo(24);
    assertThat(d.get("posts").asLong()).isEqualTo(3);
    assertThat(d.get("views").asLong()).isEqualTo(2_500_000L);
    assertThat(d.get("version").asLong()).isEqualTo(7);

    List<JsonNode> links = read("SELECT *, toUnixTimestamp(first_seen) AS t FROM channel_links ORDER BY to_platform");
    assertThat(links.get(0).get("to_platform").asText()).isEqualTo("gap");
    assertThat(links.get(0).get("post_id").isNull()).isTrue();
    assertThat(links.get(0).get("confidence").asDouble()).isEqualTo(0.5);
    assertThat(links.get(1).get("evidence").asText()).isEqualTo("post_link");
    assertThat(links.get(1).get("post_id").asLong()).isEqualTo(30774L);
    assertThat(links.get(1).get("t").asLong()).isEqualTo(PUBLISHED.getEpochSecond());
    assertThat(links.get(1).get("version").asLong()).isPositive();

    JsonNode flow = read("SELECT *, toString(day) AS d FROM channel_flows").get(0);
    assertThat(flow.get("d").asText()).isEqualTo("2018-04-30");
    assertThat(flow.get("to_channel").asText()).isEqualTo("khamenei_ir");
    assertThat(flow.get("flow").asLong()).isEqualTo(12_000);
    assertThat(flow.get("flow_high").asLong()).isEqualTo(15_000);
    JsonNode pair = read("SELECT * FROM migration_flows").get(0);
    assertThat(pair.get("flow_low").asLong()).isEqualTo(9_000);
    assertThat(pair.get("channel_pairs").asLong()).isEqualTo(1);
    JsonNode p = read("SELECT * FROM platform_daily").get(0);
    assertThat(p.get("tracked_channels").asLong()).isEqualTo(12);
    assertThat(p.get("tracked_subscribers").asLong()).isEqualTo(3_400_000L);
    assertThat(p.get("reported_users").isNull()).isTrue();
    assertThat(p.get("posts").asLong()).isEqualTo(40);
    assertThat(p.get("views").asLong()).isEqualTo(-1);
  }

  @Test
  void alertsAndTheirReplayCollapseToTheFirstRaising() throws Exception {
    ChannelLinkRow link = new ChannelLinkRow("telegram", "khamenei_ir", "soroush", "khamenei_ir", ChannelLinkRow.POST_LINK,
        PUBLISHED.toEpochMilli(), 30774L, 0.8);
    AlertRow first = AlertRow.of(link, PUBLISHED.plusSeconds(60).toEpochMilli());
    AlertRow replay = AlertRow.of(link, PUBLISHED.plusSeconds(600).toEpochMilli());
    ChannelLinkRow inferredLink = new ChannelLinkRow("telegram", "farsna", "gap", "farsna_ir", ChannelLinkRow.INFERRED,
        PUBLISHED.toEpochMilli(), null, 0.91);
    AlertRow inferred = AlertRow.of(inferredLink, PUBLISHED.plusSeconds(60).toEpochMilli());
    insert("alerts", AlertRow.ENCODER, List.of(first, inferred));
    insert("alerts", AlertRow.ENCODER, List.of(replay));

    List<JsonNode> rows = read("SELECT *, toUnixTimestamp(seen_at) AS seen, toUnixTimestamp(raised_at) AS raised FROM v_alerts ORDER BY to_platform");
    assertThat(rows).hasSize(2);
    JsonNode g = rows.get(0);
    assertThat(g.get("kind").asText()).isEqualTo("inferred");
    assertThat(g.get("to_channel").asText()).isEqualTo("farsna_ir");
    assertThat(g.get("post_id").isNull()).isTrue();
    assertThat(g.get("confidence").asDouble()).isEqualTo(0.91);
    JsonNode s = rows.get(1);
    assertThat(s.get("alert_id").asText()).isEqualTo(first.alertId);
    assertThat(s.get("pair").asText()).isEqualTo("soroush/khamenei_ir|telegram/khamenei_ir");
    assertThat(s.get("kind").asText()).isEqualTo("announced");
    assertThat(s.get("evidence").asText()).isEqualTo("post_link");
    assertThat(s.get("post_id").asLong()).isEqualTo(30774L);
    assertThat(s.get("seen").asLong()).isEqualTo(PUBLISHED.getEpochSecond());
    assertThat(s.get("raised").asLong()).isEqualTo(PUBLISHED.getEpochSecond() + 60);
  }

  private static <T> void insert(String table, RowEncoder<T> encoder, List<T> values) throws Exception {
    RowBinaryBatch<T> batch = new RowBinaryBatch<>(encoder);
    for (T v : values) {
      batch.add(v);
    }
    try (ClickHouseGateway g = new ClickHouseGateway(settings)) {
      batch.insertInto(g, table);
    }
  }

  private static List<JsonNode> read(String sql) {
    try (ClickHouseGateway g = new ClickHouseGateway(settings)) {
      return g.query(sql);
    }
  }
}
