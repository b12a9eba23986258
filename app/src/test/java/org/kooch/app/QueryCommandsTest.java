package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.concat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;

/** {@code kooch platforms|flows|channels|sql} through the real command line, over the shared scenario run. */
class QueryCommandsTest {
  static ScenarioDatabase db;

  @BeforeAll
  static void scenario() throws Exception {
    db = ScenarioDatabase.shared();
  }

  @Test
  void platformsAsCsvNarrowedByDaysAndPlatform() {
    EndToEndTest.Result r = kooch("platforms", "--from", "2018-04-17", "--to", "2018-04-19", "--platform", "soroush", "--format", "csv");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("day,platform,tracked_channels,tracked_subscribers,reported_users");
    assertThat(lines.subList(1, lines.size())).hasSize(3).allMatch(l -> l.startsWith("2018-04-1") && l.contains(",soroush,"));
    assertThat(lines.get(2)).startsWith("2018-04-18,soroush,").endsWith(",5000000"); // the 5M Soroush claimed that day
  }

  @Test
  void flowsAsJsonTotalsAndDaily() throws Exception {
    JsonNode totals = json(kooch("flows", "--from", "2018-04-18", "--to", "2018-05-31", "--format", "json"));
    JsonNode first = totals.get(0);
    assertThat(first.get("from_platform").asText()).isEqualTo("telegram");
    assertThat(first.get("to_platform").asText()).isEqualTo("soroush");
    assertThat(first.get("flow").asLong()).isBetween(first.get("flow_low").asLong(), first.get("flow_high").asLong()).isGreaterThan(10_000);

    JsonNode gap = json(kooch("flows", "--from", "2018-04-18", "--to", "2018-05-31", "--platform", "gap", "--daily", "--format", "json"));
    assertThat(gap.size()).isGreaterThan(10);
    gap.forEach(row -> assertThat(row.get("from_platform").asText() + ">" + row.get("to_platform").asText()).contains("gap"));
    JsonNode fewerDays = json(kooch("flows", "--from", "2018-04-18", "--to", "2018-04-25", "--format", "json"));
    assertThat(fewerDays.get(0).get("flow").asLong()).isLessThan(first.get("flow").asLong());
  }

  @Test
  void flowsFoundByAnnouncementAndByInferenceAddUpToAllFlows() throws Exception {
    String[] range = {"--from", "2018-04-18", "--to", "2018-05-31", "--format", "json"};
    Map<String, Long> all = totals(json(kooch(EndToEndTest.concat(new String[] {"flows"}, range))));
    Map<String, Long> announced = totals(json(kooch(EndToEndTest.concat(new String[] {"flows", "--found-by", "announced"}, range))));
    Map<String, Long> inferred = totals(json(kooch(EndToEndTest.concat(new String[] {"flows", "--found-by", "inferred"}, range))));
    assertThat(all).isNotEmpty();
    all.forEach((pair, flow) -> assertThat(announced.getOrDefault(pair, 0L) + inferred.getOrDefault(pair, 0L)).as(pair).isEqualTo(flow));
    JsonNode daily = json(kooch(EndToEndTest.concat(new String[] {"flows", "--daily"}, range)));
    daily.forEach(row -> assertThat(row.get("inferred_flow").asLong()).isBetween(0L, Math.max(0, row.get("flow").asLong())));
    assertFails(kooch("flows", "--found-by", "rumour"), 1, "kooch: found_by must be announced or inferred, not 'rumour'");
  }

  private static Map<String, Long> totals(JsonNode rows) {
    Map<String, Long> out = new java.util.TreeMap<>();
    rows.forEach(r -> out.put(r.get("from_platform").asText() + ">" + r.get("to_platform").asText(), r.get("flow").asLong()));
    return out;
  }

  @Test
  void channelsAsATableLosersFirst() {
    EndToEndTest.Result r = kooch("channels", "--from", "2018-04-01", "--to", "2018-06-10", "--sort", "loss", "--limit", "3");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("platform  channel").contains("change");
    assertThat(lines.subList(2, 5)).allMatch(l -> l.startsWith("telegram") && l.matches(".*\\s-\\d+$"));
    assertThat(lines.get(5)).isEqualTo("(3 rows)");
  }

  /**
   * The scenario collects each post once, 1 to 6 hours after it was published: every post is under
   * 24 h, so no views at 24 h are shown (none invented), and the views as last observed are
   * channel_daily's.
   */
  @Test
  void attentionOfTheScenarioHasViewsAsLastObservedAndAt24h() throws Exception {
    JsonNode days = json(kooch("attention", "--from", "2018-04-17", "--to", "2018-04-19", "--format", "json"));
    assertThat(days.size()).isGreaterThanOrEqualTo(6);
    long telegramViews;
    try (ClickHouseGateway g = new ClickHouseGateway(db.settings)) {
      telegramViews = g.queryLong("SELECT sum(views) FROM v_channel_daily WHERE platform = 'telegram' AND day = '2018-04-18'");
    }
    JsonNode telegram = null;
    for (JsonNode d : days) {
      // The scenario collects each post in the hour before and the hour after it is a day old.
      assertThat(d.get("posts_24h").asLong()).as("%s", d).isEqualTo(d.get("posts").asLong());
      assertThat(d.get("posts_under_24h").asLong()).isZero();
      assertThat(d.get("views_24h").isNull()).as("%s", d).isFalse();
      assertThat(d.get("views_24h").asLong()).as("%s", d).isBetween(0L, d.get("views").asLong()); // an account opened that day has no audience yet
      if (d.get("day").asText().equals("2018-04-18") && d.get("platform").asText().equals("telegram")) {
        telegram = d;
      }
    }
    assertThat(telegram).isNotNull();
    assertThat(telegram.get("views").asLong()).isEqualTo(telegramViews).isPositive();
    assertThat(telegram.get("views_24h").asLong()).isPositive();
    JsonNode pairs = json(kooch("attention", "--by", "pair", "--format", "json"));
    assertThat(pairs.size()).isPositive();
    assertThat(pairs).anySatisfy(p -> assertThat(p.get("gained").asDouble()).isPositive());
  }

  @Test
  void alertsListTheScenariosMovesOncePerPair() throws Exception {
    JsonNode all = json(kooch("alerts", "--format", "json", "--limit", "1000"));
    assertThat(all.size()).isPositive();
    java.util.Set<String> pairs = new java.util.HashSet<>();
    for (JsonNode a : all) {
      String[] ends = {a.get("from_platform").asText() + "/" + a.get("from_channel").asText(),
          a.get("to_platform").asText() + "/" + a.get("to_channel").asText()};
      java.util.Arrays.sort(ends);
      assertThat(pairs.add(ends[0] + "|" + ends[1])).as("one alert per pair").isTrue();
      assertThat(a.get("kind").asText()).isIn("announced", "inferred");
      assertThat(a.get("evidence").asText()).isIn("post_link", "profile_link", "inferred");
      assertThat(a.get("from_platform").asText()).isNotEqualTo(a.get("to_platform").asText());
    }
    assertThat(all).anyMatch(a -> a.get("from_platform").asText().equals("telegram") && a.get("to_platform").asText().equals("soroush"));
    assertThat(json(kooch("alerts", "--since", "2d", "--format", "json", "--limit", "1000")).size()).isEqualTo(all.size());
    assertThat(json(kooch("alerts", "--since", "2999-01-01", "--format", "json"))).isEmpty();
    EndToEndTest.Result table = kooch("alerts", "--limit", "1");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("raised_at", "from_channel", "alert_id");
    EndToEndTest.Result bad = kooch("alerts", "--since", "yesterday");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("--since must be a duration (24h, 7d), a day (YYYY-MM-DD) or an instant");
  }

  @Test
  void sqlPrintsPersianTextByteForByte() {
    String query = "SELECT channel, text FROM v_posts WHERE platform = 'telegram' AND notEmpty(links) ORDER BY published_at LIMIT 1";
    String stored;
    try (ClickHouseGateway g = new ClickHouseGateway(db.settings)) {
      stored = g.query(query).get(0).get("text").asText();
    }
    assertThat(stored).contains("پیام‌رسان‌های داخلی");
    EndToEndTest.Result r = kooch("sql", query + ";", "--format", "csv");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("channel,text\r\n").contains("\"" + stored + "\"");
  }

  @Test
  void sqlStopsAtMaxRowsAndSaysSo() throws Exception {
    EndToEndTest.Result cut = kooch("sql", "SELECT number AS n FROM system.numbers LIMIT 10", "--max-rows", "3", "--format", "csv");
    assertThat(cut.exit()).as(cut.err()).isEqualTo(SqlCommand.CUT);
    assertThat(cut.out().lines().toList()).containsExactly("n", "0", "1", "2");
    assertThat(cut.err()).contains("kooch sql: output cut at 3 rows (--max-rows 3)");

    EndToEndTest.Result all = kooch("sql", "SELECT number AS n FROM system.numbers LIMIT 10", "--max-rows", "10", "--format", "csv");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out().lines()).hasSize(11);
    assertThat(all.err()).doesNotContain("cut");

    EndToEndTest.Result json = kooch("sql", "SELECT number AS n, toString(number) AS s FROM system.numbers LIMIT 5", "--max-rows", "2",
        "--format", "json");
    assertThat(json.exit()).isEqualTo(SqlCommand.CUT);
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get("s").asText()).isEqualTo("1");

    EndToEndTest.Result table = kooch("sql", "SELECT number AS n FROM system.numbers LIMIT 5", "--max-rows", "4");
    assertThat(table.exit()).isEqualTo(SqlCommand.CUT);
    assertThat(table.out().lines().toList()).endsWith("(4 rows)");
  }

  /**
   * The query never ends by itself (ClickHouse sleeps a second before each block of numbers): held
   * whole, the command would wait until ClickHouse gives up on it and fail; streamed, it prints the
   * first rows of the first block and stops.
   */
  @Test
  void sqlPrintsRowsAsTheyArrive() {
    EndToEndTest.Result r = kooch("sql", "SELECT number AS n FROM system.numbers WHERE sleep(1) = 0", "--max-rows", "100", "--format", "csv");
    assertThat(r.exit()).as(r.err()).isEqualTo(SqlCommand.CUT);
    assertThat(r.out().lines()).hasSize(101).startsWith("n", "0", "1");
  }

  @Test
  void sqlReportsAnErrorThatComesAfterTheFirstRows() {
    EndToEndTest.Result r = kooch("sql", "SELECT throwIf(number = 70000) AS x FROM system.numbers LIMIT 100000", "--max-rows", "0",
        "--format", "csv");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("kooch: ClickHouse").contains("Code: 395");
  }

  @Test
  void badInputIsRefusedWithAReason() {
    assertFails(kooch("flows", "--platform", "telegram,myspace"), 1, "kooch: unknown platform 'myspace' (known: telegram, soroush, gap");
    assertFails(kooch("platforms", "--from", "2018-13-01"), 1, "kooch: --from must be a date like 2018-04-30 (YYYY-MM-DD), got '2018-13-01'");
    assertFails(kooch("channels", "--from", "2018-05-01", "--to", "2018-04-01"), 1, "--to (2018-04-01) is before --from (2018-05-01)");
    assertFails(kooch("channels", "--sort", "biggest"), 1, "--sort must be gain, loss, size or change, not 'biggest'");
    assertFails(kooch("flows", "--format", "xml"), 2, "--format must be table, csv or json, not 'xml'");
    assertFails(kooch("sql", "DROP TABLE v_posts"), 1,
        "kooch sql runs only statements that read (SELECT, SHOW, DESCRIBE, EXISTS, WITH); 'DROP' is refused");
    assertFails(kooch("sql", "/* looks harmless */ INSERT INTO posts SELECT * FROM posts"), 1, "'INSERT' is refused");
    assertFails(kooch("sql", "SELECT 1; DROP TABLE posts"), 1, "one statement at a time");
    assertFails(kooch("sql", "SELECT * FROM v_posts FORMAT CSV"), 1, "leave out the FORMAT clause");
    assertFails(kooch("sql", "SELECT 1", "--max-rows", "-1"), 1, "--max-rows must be 0 (no limit) or more, got -1");
    // The statement passes the command's check, but the server refuses it: kooch sql runs as the read-only user.
    // (A setting that keeps its value is accepted; the profile's max_result_rows is never 7 on any machine.)
    assertFails(kooch("sql", "SELECT count() FROM v_posts SETTINGS max_result_rows = 7"), 1, "readonly");
    EndToEndTest.Result ok = kooch("sql", "SELECT 'a;b' AS s -- a comment; not a statement");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("a;b");
  }

  private static void assertFails(EndToEndTest.Result r, int exit, String message) {
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    assertThat(r.err()).contains(message);
  }

  private static JsonNode json(EndToEndTest.Result r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  private static EndToEndTest.Result kooch(String... args) {
    return EndToEndTest.kooch(concat(args, db.connection()));
  }
}
