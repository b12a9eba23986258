package org.kooch.queries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.schemas.PlatformRegistry;

/**
 * A channel page reads the narrow copies ClickHouse keeps itself ({@code channel_flows_by_account},
 * migration 013; {@code channel_daily_counts}, migration 014) and the announced links in one read.
 * On a random graph of links and rewritten flows and counts (newer versions in separate parts, some
 * flows corrected to nothing), every page must equal what the views give: the linked accounts as
 * the round-by-round reads of {@code v_channel_links} find them, the flows of {@code v_channel_flows}
 * touching them at either end, each counted once, and the counts of {@code v_channel_daily}.
 */
class ChannelPageTest {
  static final String[] PLATFORMS = {"telegram", "soroush", "gap", "eitaa"};
  static final String[] EVIDENCE = {"post_link", "profile_link", "same_content", "forward", "same_handle"};
  static final int ACCOUNTS = 16;
  static final PlatformRegistry REGISTRY = PlatformRegistry.defaults();
  static ClickHouseSettings ch;

  @BeforeAll
  static void fill() {
    ch = ClickHouseTestServer.freshDatabase("channel_page");
    Random random = new Random(17);
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      // A chain c0 -> c1 -> ... -> c6 (longer than the 4 rounds the page follows), then random links
      // of every kind, some within one platform (not followed), some delivered again with a newer
      // first sighting.
      List<String> links = new ArrayList<>();
      List<String> newer = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        links.add(link(i, i + 1, "post_link", "2019-01-0" + (i + 1) + " 10:00:00", 1));
      }
      for (int k = 0; k < 14; k++) {
        int a = 7 + random.nextInt(ACCOUNTS - 7);
        int b = random.nextInt(ACCOUNTS);
        if (a == b) {
          continue;
        }
        String evidence = EVIDENCE[random.nextInt(EVIDENCE.length)];
        links.add(link(a, b, evidence, "2019-02-" + (10 + k) + " 08:00:00", 1));
        if (random.nextInt(3) == 0) {
          newer.add(link(a, b, evidence, "2019-01-" + (10 + k) + " 08:00:00", 2));
        }
      }
      insert(g, "channel_links", links);
      insert(g, "channel_links", newer);

      // Flows between random pairs, then a second delivery rewriting a third of them (some to "no
      // flow"), and the first delivered again (older versions, must lose).
      List<String> flows = new ArrayList<>();
      List<String> rewrites = new ArrayList<>();
      for (int k = 0; k < 40; k++) {
        int a = random.nextInt(ACCOUNTS);
        int b = random.nextInt(ACCOUNTS);
        if (a == b) {
          continue;
        }
        for (LocalDate d = LocalDate.of(2019, 1, 25); d.isBefore(LocalDate.of(2019, 2, 20)); d = d.plusDays(1 + random.nextInt(4))) {
          long f = 10 + random.nextInt(200);
          flows.add(flow(a, b, d, f, f * 2, 1));
          if (random.nextInt(3) == 0) {
            long g2 = random.nextInt(4) == 0 ? 0 : 10 + random.nextInt(200);
            rewrites.add(flow(a, b, d, g2, g2 * 2, 2));
          }
        }
      }
      insert(g, "channel_flows", flows);
      insert(g, "channel_flows", rewrites);
      insert(g, "channel_flows", flows);

      List<String> days = new ArrayList<>();
      List<String> dayRewrites = new ArrayList<>();
      for (int c = 0; c < ACCOUNTS; c++) {
        for (LocalDate d = LocalDate.of(2019, 1, 20); d.isBefore(LocalDate.of(2019, 3, 5)); d = d.plusDays(1)) {
          if (random.nextInt(5) == 0) {
            continue;
          }
          Long subs = random.nextInt(6) == 0 && c > 0 ? null : 1000L + c * 100 + random.nextInt(500);
          days.add(channelDay(c, d, subs, 3));
          if (random.nextInt(3) == 0) {
            dayRewrites.add(channelDay(c, d, random.nextInt(4) == 0 ? null : 5000L + random.nextInt(300), 5));
          }
        }
      }
      insert(g, "channel_daily", days);
      insert(g, "channel_daily", dayRewrites);
      List<String> profiles = new ArrayList<>();
      for (int c = 0; c < ACCOUNTS; c++) { // every page exists, also over days without a count
        profiles.add("{\"platform\":\"" + account(c).platform() + "\",\"channel\":\"c" + c + "\",\"observed_at\":\"2019-01-01 00:00:00\","
            + "\"title\":\"c" + c + "\",\"description\":null,\"links\":[],\"source\":\"test\"}");
      }
      insert(g, "channel_profiles", profiles);
      insert(g, "channel_daily", days);
      assertThat(g.queryLong("SELECT count() FROM channel_flows_by_account")).isEqualTo(2 * g.queryLong("SELECT count() FROM channel_flows"));
      assertThat(g.queryLong("SELECT count() FROM channel_daily_counts")).isEqualTo(g.queryLong("SELECT count() FROM channel_daily"));
    }
  }

  @Test
  void linkedAccountsAreWhatTheRoundByRoundReadsOfTheViewFind() {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      LinkedAccounts linked = new LinkedAccounts(g);
      for (int c = 0; c <= ACCOUNTS; c++) {
        Account start = account(c);
        assertThat(linked.of(start)).as("from %s", start).isEqualTo(roundByRound(g, start));
      }
      assertThat(linked.of(account(0)).accounts()).extracting(Account::channel).containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4");
    }
  }

  @Test
  void pagesEqualTheViewsOverAnyRange() {
    String[][] ranges = {{null, null}, {"2019-02-01", "2019-02-10"}, {"2019-01-27", "2019-02-27"}, {"2019-02-05", "2019-02-05"}};
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      ChannelPage pages = new ChannelPage(g, REGISTRY);
      int pagesWithFlows = 0;
      for (int c = 0; c < ACCOUNTS; c++) {
        for (String[] r : ranges) {
          DateRange range = DateRange.parse(r[0], r[1]);
          Account start = account(c);
          ChannelPage.Result page = pages.query(start.platform(), start.channel(), range);
          List<Account> accounts = page.accounts().stream().map(p -> new Account(p.platform(), p.channel())).toList();
          assertThat(accounts).isEqualTo(roundByRound(g, start).accounts());
          String in = "(" + accounts.stream().map(Account::sqlTuple).collect(Collectors.joining(", ")) + ")";

          List<String> expectedFlows = new ArrayList<>();
          for (JsonNode row : g.query("SELECT from_platform, from_channel, to_platform, to_channel, sum(flow) AS f, sum(flow_low) AS lo,"
              + " sum(flow_high) AS hi FROM v_channel_flows WHERE " + range.sql("day") + " AND ((from_platform, from_channel) IN " + in
              + " OR (to_platform, to_channel) IN " + in + ") GROUP BY from_platform, from_channel, to_platform, to_channel")) {
            expectedFlows.add(row.get("from_platform").asText() + "/" + row.get("from_channel").asText() + " -> " + row.get("to_platform").asText()
                + "/" + row.get("to_channel").asText() + " " + row.get("f").asLong() + " " + row.get("lo").asLong() + " " + row.get("hi").asLong());
          }
          List<String> actualFlows = page.flows().stream()
              .map(f -> f.from() + " -> " + f.to() + " " + f.flow() + " " + f.flowLow() + " " + f.flowHigh()).toList();
          assertThat(actualFlows).as("flows of %s over %s", start, range).containsExactlyInAnyOrderElementsOf(expectedFlows);
          assertThat(page.flows()).extracting(ChannelPage.Flow::flow).isSortedAccordingTo((a, b) -> Long.compare(b, a));
          pagesWithFlows += expectedFlows.isEmpty() ? 0 : 1;

          Map<Account, Map<String, Long>> expectedCounts = new HashMap<>();
          for (JsonNode row : g.query("SELECT platform, channel, toString(day) AS d, subscribers FROM v_channel_daily WHERE subscribers IS NOT NULL AND "
              + range.sql("day") + " AND (platform, channel) IN " + in)) {
            expectedCounts.computeIfAbsent(new Account(row.get("platform").asText(), row.get("channel").asText()), a -> new HashMap<>())
                .put(row.get("d").asText(), row.get("subscribers").asLong());
          }
          for (int i = 0; i < accounts.size(); i++) {
            Map<String, Long> actual = new HashMap<>();
            List<Long> series = page.subscribers().get(i);
            for (int d = 0; d < series.size(); d++) {
              if (series.get(d) != null) {
                actual.put(page.days().get(d), series.get(d));
              }
            }
            assertThat(actual).as("counts of %s over %s", accounts.get(i), range).isEqualTo(expectedCounts.getOrDefault(accounts.get(i), Map.of()));
          }
        }
      }
      assertThat(pagesWithFlows).isGreaterThan(20);
    }
  }

  /**
   * The page reads the copies, not channel_flows and channel_daily: a newer version written to a
   * copy alone (as if its source table had been written) is what the page shows.
   */
  @Test
  void thePageReadsTheCopiesThatClickHouseKeeps() {
    ClickHouseSettings own = ClickHouseTestServer.freshDatabase("channel_page_copies");
    try (ClickHouseGateway g = new ClickHouseGateway(own)) {
      insert(g, "channel_links", List.of(link(0, 1, "post_link", "2019-02-01 00:00:00", 1)));
      insert(g, "channel_flows", List.of(flow(0, 1, LocalDate.of(2019, 2, 2), 100, 150, 1), flow(2, 1, LocalDate.of(2019, 2, 2), 7, 9, 1)));
      insert(g, "channel_daily", List.of(channelDay(0, LocalDate.of(2019, 2, 2), 1000L, 1)));
      assertThat(g.query("SELECT platform, channel FROM channel_flows_by_account ORDER BY platform, channel, from_channel"))
          .extracting(r -> r.get("platform").asText() + "/" + r.get("channel").asText())
          .containsExactly("gap/c2", "soroush/c1", "soroush/c1", "telegram/c0");
      ChannelPage pages = new ChannelPage(g, REGISTRY);
      ChannelPage.Result before = pages.query("telegram", "c0", DateRange.all());
      assertThat(before.flows()).extracting(f -> f.from().channel() + ">" + f.to().channel() + " " + f.flow()).containsExactly("c0>c1 100", "c2>c1 7");
      assertThat(before.subscribers().get(0)).containsExactly(1000L);

      g.insertJsonEachRow("channel_flows_by_account", ("{\"platform\":\"telegram\",\"channel\":\"c0\",\"from_platform\":\"telegram\",\"from_channel\":\"c0\","
          + "\"to_platform\":\"soroush\",\"to_channel\":\"c1\",\"day\":\"2019-02-02\",\"flow\":999,\"flow_low\":1,\"flow_high\":1000,\"version\":2}\n")
          .getBytes(StandardCharsets.UTF_8));
      g.insertJsonEachRow("channel_daily_counts", "{\"platform\":\"telegram\",\"channel\":\"c0\",\"day\":\"2019-02-02\",\"subscribers\":1234,\"version\":2}\n"
          .getBytes(StandardCharsets.UTF_8));
      ChannelPage.Result after = pages.query("telegram", "c0", DateRange.all());
      assertThat(after.flows()).extracting(f -> f.from().channel() + ">" + f.to().channel() + " " + f.flow()).containsExactly("c0>c1 999", "c2>c1 7");
      assertThat(after.subscribers().get(0)).containsExactly(1234L);
    }
  }

  /**
   * The reference for LinkedAccounts: the rounds read straight from the view, one read of
   * v_channel_links per round.
   */
  private static LinkedAccounts.Result roundByRound(ClickHouseGateway g, Account start) {
    Set<Account> known = new TreeSet<>(Set.of(start));
    List<LinkedAccounts.Link> links = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      String tuples = known.stream().map(Account::sqlTuple).collect(Collectors.joining(", "));
      links.clear();
      for (JsonNode r : g.query("SELECT from_platform, from_channel, to_platform, to_channel, evidence, first_seen, post_id FROM v_channel_links"
          + " WHERE " + LinkedAccounts.ANNOUNCED + " AND ((from_platform, from_channel) IN (" + tuples + ") OR (to_platform, to_channel) IN ("
          + tuples + ")) ORDER BY first_seen, from_platform, from_channel, to_platform, to_channel, evidence")) {
        links.add(new LinkedAccounts.Link(new Account(Rows.text(r, "from_platform"), Rows.text(r, "from_channel")),
            new Account(Rows.text(r, "to_platform"), Rows.text(r, "to_channel")), Rows.text(r, "evidence"), Rows.text(r, "first_seen"),
            Rows.nullableNumber(r, "post_id")));
      }
      int before = known.size();
      links.forEach(l -> {
        known.add(l.from());
        known.add(l.to());
      });
      if (known.size() == before) {
        break;
      }
    }
    List<Account> accounts = new ArrayList<>(List.of(start));
    known.stream().filter(a -> !a.equals(start)).forEach(accounts::add);
    return new LinkedAccounts.Result(accounts, List.copyOf(links));
  }

  private static Account account(int c) {
    return new Account(PLATFORMS[c % PLATFORMS.length], "c" + c);
  }

  private static String link(int from, int to, String evidence, String firstSeen, long version) {
    Account a = account(from);
    Account b = account(to);
    return "{\"from_platform\":\"" + a.platform() + "\",\"from_channel\":\"" + a.channel() + "\",\"to_platform\":\"" + b.platform()
        + "\",\"to_channel\":\"" + b.channel() + "\",\"evidence\":\"" + evidence + "\",\"first_seen\":\"" + firstSeen + "\",\"post_id\":"
        + (evidence.endsWith("_link") ? String.valueOf(from * 100 + to) : "null") + ",\"confidence\":0.8,\"version\":" + version + "}";
  }

  private static String flow(int from, int to, LocalDate day, long flow, long high, long version) {
    Account a = account(from);
    Account b = account(to);
    return "{\"day\":\"" + day + "\",\"from_platform\":\"" + a.platform() + "\",\"from_channel\":\"" + a.channel() + "\",\"to_platform\":\""
        + b.platform() + "\",\"to_channel\":\"" + b.channel() + "\",\"flow\":" + flow + ",\"flow_low\":" + flow / 2 + ",\"flow_high\":" + high
        + ",\"version\":" + version + "}";
  }

  private static String channelDay(int c, LocalDate day, Long subs, long version) {
    Account a = account(c);
    return "{\"platform\":\"" + a.platform() + "\",\"channel\":\"" + a.channel() + "\",\"day\":\"" + day + "\",\"subscribers\":"
        + Objects.toString(subs) + ",\"subscribers_min\":" + subs + ",\"subscribers_max\":" + subs + ",\"observations\":1,\"posts\":0,\"views\":0,"
        + "\"version\":" + version + "}";
  }

  private static void insert(ClickHouseGateway g, String table, List<String> rows) {
    if (!rows.isEmpty()) {
      g.insertJsonEachRow(table, (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
