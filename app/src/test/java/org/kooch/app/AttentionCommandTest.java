package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.concat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.queries.KnownRows;

/**
 * {@code kooch attention} through the real command line over {@link KnownRows}: the pair
 * telegram/a_chan to soroush/a_chan, whose first flow day is 18 April (the values follow from its
 * channel_attention rows).
 */
class AttentionCommandTest {
  static String[] connection;

  @BeforeAll
  static void known() {
    ClickHouseSettings ch = KnownRows.database("attention_cli");
    connection = new String[] {"--clickhouse", ch.url(), "--database", ch.database()};
  }

  @Test
  void platformDaysAsCsvWithSharesOfAllPlatforms() {
    EndToEndTest.Result r = kooch("attention", "--from", "2018-04-18", "--to", "2018-04-19", "--platform", "telegram", "--format", "csv");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).containsExactly(
        "day,platform,channels,posts,views,posts_24h,views_24h,posts_under_24h,share_24h,share_views",
        // 18 April: a_chan 1,000 + b_chan 400 at 24 h against soroush's 600; views 1,700 against 700
        "2018-04-18,telegram,2,3,1700," + 3 + "," + 1400 + ",0," + 0.7 + "," + Math.round(1700 * 10_000.0 / 2400) / 10_000.0,
        "2018-04-19,telegram,2,2,390,1,200,1,0.2," + Math.round(390 * 10_000.0 / 1290) / 10_000.0);
  }

  @Test
  void pairsAsJsonLossAndGainAgainstTheBaselines() throws Exception {
    JsonNode pairs = json(kooch("attention", "--by", "pair", "--format", "json"));
    assertThat(pairs).hasSize(1);
    JsonNode p = pairs.get(0);
    assertThat(p.get("from_channel").asText()).isEqualTo("a_chan");
    assertThat(p.get("to_platform").asText()).isEqualTo("soroush");
    assertThat(p.get("first_flow_day").asText()).isEqualTo("2018-04-18");
    assertThat(p.get("from_baseline").asLong()).isEqualTo((7000 + 7000) / 14);
    assertThat(p.get("lost").asLong()).isEqualTo(1000 - (1000 + 200) / 2);
    assertThat(p.get("gained").asLong()).isEqualTo((600 + 800) / 2 - 0);
  }

  @Test
  void channelsAsATableMostViewsAt24hFirst() {
    EndToEndTest.Result r = kooch("attention", "--by", "channel", "--limit", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("platform  channel").contains("views_24h");
    assertThat(lines.get(2)).startsWith("telegram  a_chan").contains(String.valueOf(7000 + 7000 + 1000 + 200));
    assertThat(lines.get(3)).startsWith("soroush   a_chan");
    assertThat(lines.get(4)).isEqualTo("(2 rows)");
  }

  @Test
  void badOptionsAreRefusedWithAReason() {
    EndToEndTest.Result by = kooch("attention", "--by", "owner");
    assertThat(by.exit()).isEqualTo(1);
    assertThat(by.err()).contains("--by must be platform, channel or pair, not 'owner'");
    EndToEndTest.Result limit = kooch("attention", "--by", "channel", "--limit", "0");
    assertThat(limit.exit()).isEqualTo(1);
    assertThat(limit.err()).contains("--limit must be 1 to 10000, got 0");
    assertThat(kooch("attention", "--platform", "myspace").err()).contains("unknown platform 'myspace'");
  }

  private static JsonNode json(EndToEndTest.Result r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  private static EndToEndTest.Result kooch(String... args) {
    return EndToEndTest.kooch(concat(args, connection));
  }
}
