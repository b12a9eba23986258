package org.kooch.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.schemas.PlatformRegistry;

/** {@link Attention} against {@link KnownRows}' channel_attention (the values below are derived from its rows). */
class AttentionTest {
  static ClickHouseGateway g;
  static Attention attention;

  @BeforeAll
  static void known() {
    g = new ClickHouseGateway(KnownRows.database("attention"));
    attention = new Attention(g, PlatformRegistry.defaults());
  }

  @AfterAll
  static void close() {
    g.close();
  }

  @Test
  void platformDaysShareAllPlatformsAttentionWhateverTheFilter() {
    Filters days = new Filters(new DateRange(LocalDate.parse("2018-04-18"), LocalDate.parse("2018-04-19")), Set.of());
    List<Attention.PlatformDay> rows = attention.platformDays(days);
    assertThat(rows).extracting(r -> r.day() + " " + r.platform())
        .containsExactly("2018-04-18 soroush", "2018-04-18 telegram", "2018-04-19 soroush", "2018-04-19 telegram");
    Attention.PlatformDay telegram18 = rows.get(1);
    assertThat(telegram18.channels()).isEqualTo(2);
    assertThat(telegram18.posts()).isEqualTo(2 + 1);
    assertThat(telegram18.views()).isEqualTo(1200 + 500);
    assertThat(telegram18.views24h()).isEqualTo(1000 + 400);
    assertThat(telegram18.share24h()).isEqualTo(1400.0 / (1400 + 600));
    assertThat(telegram18.shareViews()).isEqualTo(1700.0 / (1700 + 700));
    Attention.PlatformDay telegram19 = rows.get(3);
    assertThat(telegram19.views24h()).isEqualTo(200); // the rewritten row's newest version; b_chan not measured
    assertThat(telegram19.postsUnder24h()).isEqualTo(1);
    assertThat(telegram19.share24h()).isEqualTo(200.0 / (200 + 800));

    List<Attention.PlatformDay> soroush = attention.platformDays(new Filters(days.range(), Set.of("soroush")));
    assertThat(soroush).extracting(Attention.PlatformDay::platform).containsOnly("soroush");
    assertThat(soroush.get(0).share24h()).isEqualTo(600.0 / (1400 + 600));
  }

  @Test
  void aDayWithoutMeasuredPostsHasNoViewsAt24hRatherThanZero() {
    Filters b19 = new Filters(new DateRange(LocalDate.parse("2018-04-19"), LocalDate.parse("2018-04-19")), Set.of("telegram"));
    List<Attention.ChannelTotal> channels = attention.channels(b19, 10);
    assertThat(channels).extracting(Attention.ChannelTotal::channel).containsExactly("a_chan", "b_chan");
    assertThat(channels.get(1).views24h()).isNull();
    assertThat(channels.get(1).views()).isEqualTo(90);
    assertThat(channels.get(1).postsUnder24h()).isEqualTo(1);
  }

  @Test
  void channelsRankByViewsAt24h() {
    List<Attention.ChannelTotal> top = attention.channels(Filters.all(), 2);
    assertThat(top).extracting(c -> c.platform() + "/" + c.channel()).containsExactly("telegram/a_chan", "soroush/a_chan");
    assertThat(top.get(0).views24h()).isEqualTo(7000 + 7000 + 1000 + 200);
    assertThat(top.get(0).days()).isEqualTo(4);
    assertThatThrownBy(() -> attention.channels(Filters.all(), 0)).isInstanceOf(BadRequestException.class);
  }

  @Test
  void aPairLosesAndGainsAgainstItsSidesBaselines() {
    List<Attention.PairAttention> pairs = attention.pairs(Filters.all());
    assertThat(pairs).hasSize(1);
    Attention.PairAttention p = pairs.get(0);
    assertThat(p.fromPlatform() + "/" + p.fromChannel() + ">" + p.toPlatform() + "/" + p.toChannel()).isEqualTo("telegram/a_chan>soroush/a_chan");
    assertThat(p.firstFlowDay()).isEqualTo("2018-04-18");
    assertThat(p.fromBaseline()).isEqualTo((7000 + 7000) / Attention.BASELINE_DAYS);
    assertThat(p.days()).isEqualTo(2); // 18 and 19 April: the last day with measured posts
    assertThat(p.fromAfter()).isEqualTo((1000 + 200) / 2);
    assertThat(p.lost()).isEqualTo(1000 - 600);
    assertThat(p.toBaseline()).isZero(); // soroush/a_chan had no posts before
    assertThat(p.toAfter()).isEqualTo((600 + 800) / 2);
    assertThat(p.gained()).isEqualTo(700);

    Attention.PairAttention firstDay = attention.pairs(new Filters(new DateRange(LocalDate.parse("2018-04-18"), LocalDate.parse("2018-04-18")),
        Set.of())).get(0);
    assertThat(firstDay.days()).isEqualTo(1);
    assertThat(firstDay.lost()).isEqualTo(1000 - 1000);
    assertThat(firstDay.gained()).isEqualTo(600);
    assertThat(attention.pairs(new Filters(DateRange.all(), Set.of("gap")))).isEmpty();
    assertThat(attention.pairs(new Filters(new DateRange(LocalDate.parse("2018-04-01"), LocalDate.parse("2018-04-17")), Set.of())))
        .isEmpty(); // no flow yet
  }

  @Test
  void theDashboardsSeriesCoverEveryDayOfTheRows() {
    Attention.Result r = attention.query(Filters.all());
    assertThat(r.days()).first().isEqualTo("2018-04-10");
    assertThat(r.days()).hasSize(10).last().isEqualTo("2018-04-19");
    Attention.Series telegram = r.platforms().get(0);
    assertThat(telegram.platform()).isEqualTo("telegram");
    assertThat(telegram.views24h().get(0)).isEqualTo(7000);
    assertThat(telegram.views24h().get(1)).isNull(); // no posts on 11 April
    assertThat(telegram.share24h().get(9)).isEqualTo(0.2);
    assertThat(r.pairs()).hasSize(1);
  }

  @Test
  void theQueriesReturnWhatTheViewsReturn() {
    long viaView = g.queryLong("SELECT sum(views_24h) FROM v_channel_attention WHERE platform = 'telegram'");
    long viaQuery = attention.platformDays(Filters.all()).stream().filter(d -> d.platform().equals("telegram") && d.views24h() != null)
        .mapToLong(Attention.PlatformDay::views24h).sum();
    assertThat(viaQuery).isEqualTo(viaView).isEqualTo(7000 + 7000 + 1000 + 400 + 200);
    assertThat(g.queryLong("SELECT round(share_24h * 1000) FROM v_platform_attention WHERE platform = 'soroush' AND day = '2018-04-19'"))
        .isEqualTo(800);
  }

  @Test
  void aPairsMeanAfterTheMoveEndsAtTheLastMeasuredDay() {
    // telegram/x moves to soroush/x from 10 April and to gap/x from 12 April. The last day with a
    // measured post is 12 April: 13 April's views at 24 h (a row no job writes: none measured) are
    // left out, 11 April's on soroush/x (none measured either, but before that day) are counted.
    try (ClickHouseGateway fresh = new ClickHouseGateway(org.kooch.clickhouse.ClickHouseTestServer.freshDatabase("attention_ends"))) {
      fresh.execute("INSERT INTO channel_flows (day, from_platform, from_channel, to_platform, to_channel, flow, flow_low, flow_high, version)"
          + " VALUES ('2018-04-10', 'telegram', 'x', 'soroush', 'x', 10, 8, 12, 1), ('2018-04-11', 'telegram', 'x', 'soroush', 'x', 10, 8, 12, 1),"
          + " ('2018-04-12', 'telegram', 'x', 'gap', 'x', 5, 4, 6, 1)");
      fresh.execute("INSERT INTO channel_attention (platform, channel, day, posts, views, posts_24h, views_24h, posts_under_24h, version)"
          + " VALUES ('telegram', 'x', '2018-04-01', 1, 1500, 1, 1400, 0, 1), ('telegram', 'x', '2018-04-05', 1, 300, 1, 280, 0, 1),"
          + " ('telegram', 'x', '2018-04-11', 1, 350, 1, 300, 0, 1), ('telegram', 'x', '2018-04-12', 1, 550, 1, 500, 0, 1),"
          + " ('telegram', 'x', '2018-04-13', 1, 1000, 0, 999, 0, 1), ('soroush', 'x', '2018-04-11', 1, 60, 0, 50, 1, 1),"
          + " ('soroush', 'x', '2018-04-12', 1, 750, 1, 700, 0, 1)");
      List<Attention.PairAttention> pairs = new Attention(fresh, PlatformRegistry.defaults()).pairs(Filters.all());
      assertThat(pairs).extracting(p -> p.toPlatform() + " " + p.firstFlowDay() + " " + p.days() + " " + p.fromBaseline() + " "
          + p.fromAfter() + " " + p.toBaseline() + " " + p.toAfter() + " " + p.lost() + " " + p.gained())
          .containsExactly(
              "soroush 2018-04-10 3 120 267 0 250 -147 250", // (1400 + 280) / 14; (300 + 500) / 3; (50 + 700) / 3
              "gap 2018-04-12 1 141 500 0 0 -359 0"); // (1400 + 280 + 300) / 14; 500 / 1
    }
  }
}
