package org.kooch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.queries.HostileRows;
import org.kooch.queries.KnownRows;

/** Reports over a real ClickHouse with known rows: HTML with SVG charts and CSV files whose numbers are known. */
class ReportTest {
  static ClickHouseSettings readOnly;

  @BeforeAll
  static void database() {
    readOnly = ClickHouseTestServer.readOnly(KnownRows.database("report"));
  }

  @Test
  void weeklyReportWritesHtmlWithChartsAndCsv(@TempDir Path dir) throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2018-04-23T06:00:00Z"), ZoneOffset.UTC);
    ReportJob.Result r = new ReportJob(readOnly, ReportPeriod.WEEKLY, dir, null, clock).run(null);

    assertThat(r.files()).extracting(p -> p.getFileName().toString()).containsExactly(
        "kooch-weekly-2018-04-19.html", "kooch-weekly-2018-04-19-platforms.csv", "kooch-weekly-2018-04-19-flows.csv",
        "kooch-weekly-2018-04-19-channels.csv", "kooch-weekly-2018-04-19-announcements.csv",
        "kooch-weekly-2018-04-19-attention.csv");
    String html = Files.readString(dir.resolve("kooch-weekly-2018-04-19.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("Kooch weekly report: 2018-04-13 to 2018-04-19", "<p class=\"fa\" lang=\"fa\" dir=\"rtl\">گزارش هفتگی کوچ</p>")
        .doesNotContain("<script");
    assertThat(svgPaths(html)).as("chart lines with points").isGreaterThanOrEqualTo(3);
    assertThat(html).contains("<tr><td>Telegram</td><td class=\"num\">1,300</td><td class=\"num\">-200</td>")
        .contains("<tr><td>Soroush</td><td class=\"num\">420</td><td class=\"num\">+120</td><td class=\"num\">5,000,000</td>");
    assertThat(html).contains("<td>Telegram</td><td>Soroush</td><td class=\"num\">220</td><td class=\"num\">180–260</td>");
    assertThat(html).contains("<td>soroush/a_chan</td>", "+120").contains("<td>telegram/a_chan</td>", "-200");
    assertThat(html).contains("<td dir=\"auto\">" + KnownRows.TITLE + "</td>")
        .contains("<p class=\"post\" dir=\"auto\" lang=\"fa\">" + KnownRows.ANNOUNCEMENT + "</p>");

    assertThat(Files.readAllLines(dir.resolve("kooch-weekly-2018-04-19-flows.csv"), StandardCharsets.UTF_8)).containsExactly(
        "day,from_platform,to_platform,flow,flow_low,flow_high,channel_pairs,inferred_flow", "2018-04-18,telegram,soroush,100,80,120,1,0",
        "2018-04-19,telegram,soroush,120,100,140,1,0");
    List<String> channels = Files.readAllLines(dir.resolve("kooch-weekly-2018-04-19-channels.csv"), StandardCharsets.UTF_8);
    assertThat(channels).contains("telegram,a_chan," + KnownRows.TITLE + ",2018-04-17,1000,2018-04-19,800,-200");
    assertThat(Files.readString(dir.resolve("kooch-weekly-2018-04-19-announcements.csv"), StandardCharsets.UTF_8))
        .contains(KnownRows.ANNOUNCEMENT);
  }

  /**
   * KnownRows' channel_attention in the week to 19 April: telegram 7,000 (17th), 1,400 (18th) and
   * 200 (19th) views at 24 h, soroush 600 and 800; the pair lost 400 and gained 700 a day.
   */
  @Test
  void weeklyReportShowsAttentionWithSharesAndThePairs(@TempDir Path dir) throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2018-04-23T06:00:00Z"), ZoneOffset.UTC);
    Report report = new ReportJob(readOnly, ReportPeriod.WEEKLY, dir, null, clock).run(null).report();
    long telegram = 7000 + 1400 + 200;
    long soroush = 600 + 800;
    String html = report.html();
    assertThat(html).contains("<h2>Attention</h2>")
        .contains("<tr><td>Telegram</td><td class=\"num\">" + String.format("%,d", telegram) + "</td><td class=\"num\">"
            + String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * telegram / (telegram + soroush)) + "</td><td class=\"num\">" + (1 + (2 + 1) + 1) + " of " + (1 + (2 + 1) + (1 + 1)) + "</td>")
        .contains("<tr><td>Soroush</td><td class=\"num\">" + String.format("%,d", soroush) + "</td><td class=\"num\">14.0%</td>")
        .contains("aria-label=\"Views at 24 h per platform\"")
        .contains("<td>telegram/a_chan</td><td>soroush/a_chan</td><td>2018-04-18</td><td class=\"num\">400</td><td class=\"num\">700</td>");
    List<String> csv = report.csv().get("kooch-weekly-2018-04-19-attention.csv").lines().toList();
    assertThat(csv.get(0)).isEqualTo("day,platform,channels,posts,views,posts_24h,views_24h,posts_under_24h,share_24h,share_views");
    assertThat(csv).contains("2018-04-17,telegram,1,1,7200,1,7000,0,1.0,1.0", "2018-04-19,soroush,1,2,900,1,800,1,0.8,0.6977");
  }

  @Test
  void dailyReportOfAChosenDay(@TempDir Path dir) throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2018-04-19T06:00:00Z"), ZoneOffset.UTC);
    ReportJob.Result r = new ReportJob(readOnly, ReportPeriod.DAILY, dir, null, clock).run(LocalDate.of(2018, 4, 18));
    assertThat(r.report().subject()).isEqualTo("Kooch daily report: 2018-04-18");
    assertThat(r.report().html()).contains("Kooch daily report: 2018-04-18</h1>")
        .contains("<td>Telegram</td><td>Soroush</td><td class=\"num\">100</td>");
  }

  @Test
  void scrapedTextIsEscapedInHtmlAndNeutralisedInCsv(@TempDir Path dir) throws Exception {
    ClickHouseSettings hostile = HostileRows.database("report_hostile").withUser(readOnly.user(), readOnly.password());
    Clock clock = Clock.fixed(Instant.parse("2018-04-23T06:00:00Z"), ZoneOffset.UTC);
    Report report = new ReportJob(hostile, ReportPeriod.WEEKLY, dir, null, clock).run(null).report();

    String html = report.html();
    assertThat(html).doesNotContain(HostileRows.HTML).doesNotContain("<img")
        .contains("&lt;img src=x onerror=window.__pwned=1&gt;") // platform (table, chart legend), channel, title
        .contains("telegram/&lt;img src=x onerror=window.__pwned=1&gt;");
    assertThat(svgTexts(html)).anyMatch(t -> t.contains("&lt;img src=x"));

    String channels = report.csv().get("kooch-weekly-2018-04-19-channels.csv");
    assertThat(channels.lines()).contains("telegram,'@cmd,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",2018-04-17,900,2018-04-19,100,-800")
        .contains("telegram,a_chan," + KnownRows.TITLE + ",2018-04-17,1000,2018-04-19,800,-200");
    String posts = report.csv().get("kooch-weekly-2018-04-19-announcements.csv");
    assertThat(posts).contains(",telegram,'@cmd,1,-3,https://sapp.ir/x,'+cmd|' /C calc'!A0 https://sapp.ir/x").contains(KnownRows.ANNOUNCEMENT);
    String flows = report.csv().get("kooch-weekly-2018-04-19-flows.csv");
    assertThat(flows).contains("2018-04-19,telegram," + HostileRows.HTML + ",30,20,40,1");
  }

  static List<String> svgTexts(String html) {
    return java.util.regex.Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(html).results().map(m -> m.group(1)).toList();
  }

  static int svgPaths(String html) {
    int n = 0;
    for (int i = html.indexOf("<path d=\"M"); i >= 0; i = html.indexOf("<path d=\"M", i + 1)) {
      n++;
    }
    return n;
  }
}
