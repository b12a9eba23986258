package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.dashboards.DashboardServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in headless Chromium, served from a real pipeline run (the shared scenario
 * database) through the read-only user: every page loads, its charts hold data (read from the
 * ECharts instances), URL filters change the numbers, Persian text reads right to left.
 * Screenshots go to target/screenshots/.
 */
class DashboardBrowserTest {
  static final String ALL = "from=2018-03-20&to=2018-06-10";
  static ScenarioDatabase db;
  static DashboardServer server;
  static String base;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    db = ScenarioDatabase.shared();
    server = new DashboardServer(db.readOnly());
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      browser.close();
    } finally {
      server.close();
    }
  }

  @Test
  void platformsPageChartsEveryPlatformAndFiltersChangeTheNumbers() throws Exception {
    browser.open(base + "/?" + ALL);
    browser.screenshot("platforms");
    Map<String, Long> points = seriesPoints("tracked");
    assertThat(points).containsKeys("Telegram", "Soroush", "Gap", "Eitaa", "Bale", "Soroush (reported users)");
    assertThat(points.get("Telegram")).isGreaterThan(70);
    assertThat(points.values()).allMatch(n -> n > 0);
    String soroushAll = cell("#latest tr[data-platform=soroush] td:nth-child(4)");
    // The latest moves: one alert per pair the scenario's announcements made, each linking its channels.
    waitForRows("#latest-moves tbody tr[data-alert-id]");
    String moves = cell("#latest-moves tbody");
    assertThat(moves).contains("announced").containsAnyOf("khamenei_ir", "hassanrouhani", "irna_1313", "tasnimnews", "farsna");
    assertThat(browser.driver.findElements(By.cssSelector("#latest-moves tbody tr[data-alert-id]"))).hasSize(10); // the newest ten of the 13 announced pairs
    assertThat(browser.driver.findElements(By.cssSelector("#latest-moves tbody a"))).isNotEmpty();

    browser.open(base + "/?from=2018-04-10&to=2018-04-20&platform=soroush,gap");
    browser.screenshot("platforms-filtered");
    assertThat(seriesPoints("tracked").keySet()).containsExactlyInAnyOrder("Soroush", "Gap", "Soroush (reported users)", "Gap (reported users)");
    assertThat(((Number) browser.js("return echarts.getInstanceByDom(document.getElementById('tracked')).getOption().xAxis[0].data.length")).intValue())
        .isEqualTo(11);
    String soroushApril = cell("#latest tr[data-platform=soroush] td:nth-child(4)");
    assertThat(soroushApril).isNotEqualTo(soroushAll);
    assertThat(number(soroushApril)).isLessThan(number(soroushAll));
    assertThat(browser.driver.findElements(By.cssSelector("#latest tbody tr"))).hasSize(2);

    // The form writes the filters into the URL.
    WebElement platform = browser.driver.findElement(By.name("platform"));
    platform.clear();
    platform.sendKeys("telegram");
    browser.driver.findElement(By.cssSelector("#filters button")).click();
    browser.open(browser.driver.getCurrentUrl());
    assertThat(browser.driver.getCurrentUrl()).contains("platform=telegram").contains("from=2018-04-10");
    assertThat(seriesPoints("tracked").keySet()).containsExactly("Telegram");
  }

  /**
   * The scenario collects each post a few hours after publication and either side of a day: the
   * views as last observed and at 24 h are drawn for every platform.
   */
  @Test
  void platformsPageChartsAttentionBesideSubscribers() throws Exception {
    browser.open(base + "/?" + ALL);
    waitForSeries("attention");
    browser.screenshot("platforms-attention");
    Map<String, Long> points = seriesPoints("attention");
    assertThat(points).containsKeys("Telegram (last observed)", "Soroush (last observed)", "Telegram (at 24 h)");
    assertThat(points.get("Telegram (last observed)")).isGreaterThan(70);
    assertThat(points.get("Telegram (at 24 h)")).isGreaterThan(70);

    browser.open(base + "/?from=2018-04-10&to=2018-04-20&platform=soroush,gap");
    waitForSeries("attention");
    assertThat(seriesPoints("attention").keySet())
        .containsExactlyInAnyOrder("Soroush (at 24 h)", "Soroush (last observed)", "Gap (at 24 h)", "Gap (last observed)");
    assertThat(seriesPoints("attention").get("Soroush (last observed)")).isBetween(1L, 11L);
  }

  /** Waits (up to a minute) until the page has rows matching {@code css}: each panel fills when its own request answers. */
  private static void waitForRows(String css) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (browser.driver.findElements(By.cssSelector(css)).isEmpty()) {
      assertThat(System.nanoTime() - deadline).as(css + " shown").isNegative();
      Thread.sleep(100);
    }
  }

  /** Waits (up to a minute) until the chart has series: each chart of a page is drawn when its own request answers. */
  private static void waitForSeries(String chartId) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Boolean.TRUE.equals(browser.js("const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
        + " const o = c && c.getOption(); return !!(o && o.series && o.series.length > 0);", chartId))) {
      assertThat(System.nanoTime() - deadline).as(chartId + " drawn").isNegative();
      Thread.sleep(100);
    }
  }

  @Test
  void flowsPageDrawsTheDiagramAndTheDailySeries() throws Exception {
    browser.open(base + "/flows.html?" + ALL);
    browser.screenshot("flows");
    List<?> links = (List<?>) browser.js(
        "return echarts.getInstanceByDom(document.getElementById('sankey')).getOption().series[0].links.map(l => l.source + '>' + l.target + '=' + l.value)");
    // Telegram's four targets; flows back to Telegram are zero in the scenario and must not show up
    assertThat(links).hasSize(4).allMatch(l -> l.toString().startsWith("from telegram>"))
        .anyMatch(l -> l.toString().startsWith("from telegram>to soroush="));
    Map<String, Long> daily = seriesPoints("daily");
    assertThat(daily).containsKeys("Telegram → Soroush", "Telegram → Gap", "Telegram → Eitaa", "Telegram → Bale");
    long fullTotal = number(cell("#totals tr[data-pair='telegram>soroush'] td:nth-child(3)"));
    assertThat(fullTotal).isGreaterThan(10_000);

    browser.open(base + "/flows.html?from=2018-04-18&to=2018-04-22");
    long firstDays = number(cell("#totals tr[data-pair='telegram>soroush'] td:nth-child(3)"));
    assertThat(firstDays).isPositive().isLessThan(fullTotal);
    assertThat(browser.driver.findElements(By.cssSelector("#totals tr[data-pair='telegram>bale']"))).as("IRNA moved to Bale on 24 April").isEmpty();

    // Every move of the scenario is announced: the announced pairs carry all of the flow, inferred ones none.
    browser.open(base + "/flows.html?" + ALL + "&found_by=announced");
    assertThat(number(cell("#totals tr[data-pair='telegram>soroush'] td:nth-child(3)"))).isEqualTo(fullTotal);
    assertThat(number(cell("#totals tr[data-pair='telegram>soroush'] td:nth-child(5)"))).isZero();
    assertThat(browser.js("return document.querySelector('[data-testid=found-by]').value")).isEqualTo("announced");
    browser.open(base + "/flows.html?" + ALL + "&found_by=inferred");
    assertThat(browser.driver.findElements(By.cssSelector("#totals tr[data-pair='telegram>soroush']"))).isEmpty();
  }

  @Test
  void channelsPageListsGainersAndLosersAndLinksToChannelPages() throws Exception {
    browser.open(base + "/channels.html?" + ALL);
    browser.screenshot("channels");
    assertThat(browser.driver.findElements(By.cssSelector("#gainers tbody tr"))).hasSizeGreaterThanOrEqualTo(5);
    assertThat(cell("#losers tbody tr:first-child td:first-child")).startsWith("telegram/");
    assertThat(((Number) browser.js(
        "return echarts.getInstanceByDom(document.getElementById('movers')).getOption().series[0].data.length")).intValue()).isGreaterThanOrEqualTo(10);

    browser.driver.findElement(By.cssSelector("#losers tbody tr:first-child a")).click();
    browser.open(browser.driver.getCurrentUrl());
    assertThat(browser.driver.getCurrentUrl()).contains("/channel.html?").contains("channel=telegram%2F").contains("from=2018-03-20");
    assertThat(seriesPoints("subscribers")).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void channelPageShowsEveryAccountAndPersianAnnouncementsRightToLeft() throws Exception {
    browser.open(base + "/channel.html?channel=telegram/khamenei_ir&" + ALL);
    browser.screenshot("channel");
    assertThat(cell("#channel-title")).isEqualTo("KHAMENEI.IR · Telegram");
    assertThat(browser.js("return document.getElementById('channel-description').matches(':dir(rtl)')")).isEqualTo(true);
    assertThat(cell("#channel-description")).startsWith("کانال رسمی پایگاه اطلاع‌رسانی");
    assertThat(seriesPoints("subscribers")).containsKeys("Telegram @khamenei_ir", "Soroush @khamenei_ir", "Gap @khamenei_ir", "Eitaa @khamenei_ir")
        .allSatisfy((name, n) -> assertThat(n).as(name).isGreaterThan(20));
    assertThat(browser.driver.findElements(By.cssSelector("#flows tbody tr"))).hasSizeGreaterThanOrEqualTo(3);

    WebElement post = browser.driver.findElement(By.cssSelector("#announcements li[data-post^='telegram/khamenei_ir/'] .post-text"));
    assertThat(browser.js("return arguments[0].matches(':dir(rtl)')", post)).isEqualTo(true);
    String stored;
    try (ClickHouseGateway g = new ClickHouseGateway(db.settings)) {
      stored = g.query("SELECT text FROM v_posts WHERE platform = 'telegram' AND channel = 'khamenei_ir' AND notEmpty(links)"
          + " ORDER BY published_at LIMIT 1").get(0).get("text").asText();
    }
    assertThat(browser.js("return arguments[0].textContent", post)).as("text exactly as stored").isEqualTo(stored);
  }

  @Test
  void emailedReportReadsInABrowserWithItsSvgCharts() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "reports").toAbsolutePath();
    org.kooch.reports.ReportJob.Result r = new org.kooch.reports.ReportJob(db.readOnly(), org.kooch.reports.ReportPeriod.WEEKLY, dir, null,
        java.time.Clock.systemUTC()).run(java.time.LocalDate.of(2018, 5, 6));
    browser.driver.get(dir.resolve(r.report().htmlFileName()).toUri().toString());
    browser.screenshot("report-weekly");
    // Subscribers, flows, changes, and views at 24 h.
    assertThat(((Number) browser.js("return document.querySelectorAll('svg').length")).intValue()).isEqualTo(4);
    assertThat(((Number) browser.js("return document.querySelectorAll('svg path[d^=M]').length")).intValue()).isGreaterThanOrEqualTo(8);
    assertThat(browser.js("return document.querySelector('p.post').matches(':dir(rtl)')")).isEqualTo(true);
  }

  @Test
  void badFiltersShowTheServersReason() throws Exception {
    browser.open(base + "/?from=yesterday");
    assertThat(cell("#status")).isEqualTo("'from' must be a date like 2018-04-30 (YYYY-MM-DD), got 'yesterday'");
    browser.open(base + "/flows.html?platform=myspace");
    assertThat(cell("#status")).startsWith("unknown platform 'myspace' (known: telegram, soroush");
    browser.open(base + "/channel.html?channel=telegram/nobody_here");
    assertThat(cell("#status")).startsWith("no channel telegram/nobody_here in the database");
  }

  /**
   * Names written to Kafka or ClickHouse by anyone are data, never markup: a platform, a channel
   * and a title that are HTML with a script show as their literal text in tables, chart tooltips
   * (ECharts draws those as HTML) and labels, and nothing runs. The rows go straight into a
   * database of their own, past the registry's checks, as a hostile writer could.
   */
  @Test
  void hostileNamesShowAsTextAndNothingRuns() throws Exception {
    ClickHouseSettings hostile = ClickHouseTestServer.freshDatabase("hostile");
    try (ClickHouseGateway g = new ClickHouseGateway(hostile)) {
      HostileData.insert(g);
    }
    String range = "from=2018-04-17&to=2018-04-19";
    try (DashboardServer hostileServer = new DashboardServer(
        ClickHouseTestServer.readOnly(hostile))) {
      String at = "http://127.0.0.1:" + hostileServer.start("127.0.0.1", 0);

      browser.open(at + "/?" + range);
      watchPolicyViolations();
      assertThat(cell("#latest tbody")).contains(HostileData.HTML);
      showTipAndAssertLiteral("tracked", "{type: 'showTip', seriesIndex: " + seriesIndex("tracked", HostileData.HTML) + ", dataIndex: 1}");
      assertNothingRan("platforms");

      browser.open(at + "/flows.html?" + range);
      watchPolicyViolations();
      assertThat(cell("#totals tbody")).contains(HostileData.HTML);
      int edge = ((Number) browser.js("return echarts.getInstanceByDom(document.getElementById('sankey')).getOption().series[0].links"
          + ".findIndex(l => l.target === 'to ' + arguments[0])", HostileData.HTML)).intValue();
      assertThat(edge).isNotNegative();
      hoverSankeyEdge(edge);
      assertTooltipShowsLiterally("sankey", "the mouse on the edge", t -> t.contains("telegram → " + HostileData.HTML + ": 50 (30–70)"));
      int node = ((Number) browser.js("return echarts.getInstanceByDom(document.getElementById('sankey')).getOption().series[0].data"
          + ".findIndex(n => n.name === 'to ' + arguments[0])", HostileData.HTML)).intValue();
      browser.js("echarts.getInstanceByDom(document.getElementById('sankey')).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: "
          + node + "})");
      assertTooltipShowsLiterally("sankey", "showTip of the node", t -> t.contains(HostileData.HTML + ": 50") && !t.contains("→"));
      showTipAndAssertLiteral("daily", "{type: 'showTip', seriesIndex: " + seriesIndex("daily", "Telegram → " + HostileData.HTML)
          + ", dataIndex: 0}");
      assertNothingRan("flows");

      browser.open(at + "/channels.html?" + range);
      watchPolicyViolations();
      assertThat(cell("#gainers tbody")).contains("telegram/" + HostileData.HTML);
      int bar = ((Number) browser.js("return echarts.getInstanceByDom(document.getElementById('movers')).getOption().yAxis[0].data"
          + ".indexOf('telegram/' + arguments[0])", HostileData.HTML)).intValue();
      showTipAndAssertLiteral("movers", "{type: 'showTip', seriesIndex: 0, dataIndex: " + bar + "}");
      assertNothingRan("channels");

      browser.open(at + "/channel.html?channel=telegram/a_chan&" + range);
      watchPolicyViolations();
      assertThat(cell("#channel-title")).isEqualTo(HostileData.HTML + " · Telegram");
      assertThat(cell("#accounts")).contains("@" + HostileData.HTML);
      assertThat(cell("#flows tbody")).contains(HostileData.HTML + "/" + HostileData.HTML);
      assertThat(cell("#announcements")).contains(HostileData.HTML);
      showTipAndAssertLiteral("subscribers", "{type: 'showTip', seriesIndex: "
          + seriesIndex("subscribers", HostileData.HTML + " @" + HostileData.HTML) + ", dataIndex: 2}");
      assertNothingRan("channel");
    }
  }

  /** Records, from now on, what the page's Content-Security-Policy blocks. */
  private static void watchPolicyViolations() {
    browser.js("window.__violations = []; document.addEventListener('securitypolicyviolation',"
        + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
  }

  private static int seriesIndex(String chartId, String name) {
    int i = ((Number) browser.js("return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series"
        + ".findIndex(s => s.name === arguments[1])", chartId, name)).intValue();
    assertThat(i).as(name + " in " + chartId).isNotNegative();
    return i;
  }

  /** Shows a tooltip of the chart ({@code action}: an ECharts showTip) and waits until it holds the hostile text, as text. */
  private static void showTipAndAssertLiteral(String chartId, String action) throws InterruptedException {
    browser.js("echarts.getInstanceByDom(document.getElementById(arguments[0])).dispatchAction(" + action + ")", chartId);
    assertTooltipShowsLiterally(chartId, action, t -> t.contains(HostileData.HTML));
  }

  /** Moves the mouse onto the middle of the flow diagram's edge (showTip cannot show an edge's tooltip). */
  @SuppressWarnings("unchecked")
  private static void hoverSankeyEdge(int edge) {
    Map<String, Number> at = (Map<String, Number>) browser.js(
        "const c = echarts.getInstanceByDom(document.getElementById('sankey')); const s = c.getModel().getSeriesByIndex(0);"
            + " const e = s.getGraph().getEdgeByIndex(arguments[0]);"
            + " const n1 = e.node1.getLayout(), n2 = e.node2.getLayout(), l = e.getLayout();"
            + " const x1 = n1.x + n1.dx, y1 = n1.y + l.sy, x2 = n2.x, y2 = n2.y + l.ty;"
            + " return {x: s.layoutInfo.x + (x1 + x2) / 2, y: s.layoutInfo.y + (y1 + y2) / 2 + l.dy / 2, w: c.getWidth(), h: c.getHeight()};",
        edge);
    WebElement sankey = browser.driver.findElement(By.id("sankey"));
    new Actions(browser.driver).moveToElement(sankey, (int) (at.get("x").doubleValue() - at.get("w").doubleValue() / 2),
        (int) (at.get("y").doubleValue() - at.get("h").doubleValue() / 2)).perform();
  }

  /** Waits until the chart's tooltip text {@code shows} what it should (the hostile text, as text), and no element was made of it. */
  private static void assertTooltipShowsLiterally(String chartId, String action, java.util.function.Predicate<String> shows)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    String text = "";
    while (System.currentTimeMillis() < deadline) {
      text = (String) browser.js("return document.getElementById(arguments[0]).textContent", chartId);
      if (shows.test(text)) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(text).as("tooltip of " + chartId + " after " + action).matches(shows, "shows " + HostileData.HTML + " as text");
    assertThat(((Number) browser.js("return document.getElementById(arguments[0]).querySelectorAll('img').length", chartId)).intValue())
        .as("elements made from the name in " + chartId).isZero();
  }

  private static void assertNothingRan(String page) {
    assertThat(browser.js("return typeof window.__pwned")).as(page).isEqualTo("undefined");
    assertThat(((Number) browser.js("return document.querySelectorAll('img').length")).intValue()).as(page + ": img elements").isZero();
    assertThat((List<?>) browser.js("return window.__violations")).as(page + ": blocked by the Content-Security-Policy").isEmpty();
  }

  /** Series name to the number of points with a value, read from the page's ECharts instance. */
  @SuppressWarnings("unchecked")
  private static Map<String, Long> seriesPoints(String chartId) {
    return (Map<String, Long>) browser.js(
        "const o = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();"
            + " const out = {}; for (const s of o.series) out[s.name] = s.data.filter(v => v !== null && v !== undefined && v !== 0).length;"
            + " return out;", chartId);
  }

  private static String cell(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText().strip();
  }

  private static long number(String formatted) {
    return Long.parseLong(formatted.replace(",", ""));
  }

  /**
   * A small database where a platform id, a channel handle and a title are HTML that would run
   * script: telegram/a_chan announced the hostile account, lost subscribers to it, and the
   * hostile platform has a daily series.
   */
  static final class HostileData {
    static final String HTML = "<img src=x onerror=window.__pwned=1>";

    private HostileData() {}

    static void insert(ClickHouseGateway g) {
      String h = json(HTML);
      rows(g, "platform_daily",
          "{\"day\":\"2018-04-18\",\"platform\":\"telegram\",\"tracked_channels\":2,\"tracked_subscribers\":1100,\"reported_users\":null,\"posts\":0,\"views\":0,\"version\":1}",
          "{\"day\":\"2018-04-19\",\"platform\":\"telegram\",\"tracked_channels\":2,\"tracked_subscribers\":1200,\"reported_users\":null,\"posts\":0,\"views\":0,\"version\":1}",
          "{\"day\":\"2018-04-18\",\"platform\":" + h + ",\"tracked_channels\":1,\"tracked_subscribers\":50,\"reported_users\":null,\"posts\":0,\"views\":0,\"version\":1}",
          "{\"day\":\"2018-04-19\",\"platform\":" + h + ",\"tracked_channels\":1,\"tracked_subscribers\":60,\"reported_users\":null,\"posts\":0,\"views\":0,\"version\":1}");
      rows(g, "migration_flows",
          "{\"day\":\"2018-04-18\",\"from_platform\":\"telegram\",\"to_platform\":" + h + ",\"flow\":20,\"flow_low\":10,\"flow_high\":30,\"channel_pairs\":1,\"version\":1}",
          "{\"day\":\"2018-04-19\",\"from_platform\":\"telegram\",\"to_platform\":" + h + ",\"flow\":30,\"flow_low\":20,\"flow_high\":40,\"channel_pairs\":1,\"version\":1}");
      rows(g, "channel_daily", channelDay("telegram", json("a_chan"), "2018-04-17", 1000), channelDay("telegram", json("a_chan"), "2018-04-19", 800),
          channelDay("telegram", h, "2018-04-17", 100), channelDay("telegram", h, "2018-04-19", 400),
          channelDay(HTML, h, "2018-04-18", 50), channelDay(HTML, h, "2018-04-19", 60));
      rows(g, "channel_profiles",
          "{\"platform\":\"telegram\",\"channel\":\"a_chan\",\"observed_at\":\"2018-04-18 12:00:00\",\"title\":" + h
              + ",\"description\":" + h + ",\"links\":[],\"source\":\"test\"}");
      rows(g, "channel_links",
          "{\"from_platform\":\"telegram\",\"from_channel\":\"a_chan\",\"to_platform\":" + h + ",\"to_channel\":" + h
              + ",\"evidence\":\"post_link\",\"first_seen\":\"2018-04-18 06:30:00\",\"post_id\":7,\"confidence\":0.8,\"version\":1}");
      rows(g, "channel_flows",
          "{\"day\":\"2018-04-19\",\"from_platform\":\"telegram\",\"from_channel\":\"a_chan\",\"to_platform\":" + h + ",\"to_channel\":" + h
              + ",\"flow\":30,\"flow_low\":20,\"flow_high\":40,\"version\":1}");
      rows(g, "posts",
          "{\"platform\":\"telegram\",\"channel\":\"a_chan\",\"post_id\":7,\"published_at\":\"2018-04-18 06:30:00\",\"collected_at\":\"2018-04-18 08:00:00\","
              + "\"text\":" + h + ",\"views\":900,\"forwards\":null,\"links\":[\"https://sapp.ir/a_chan\"],\"source\":\"test\"}");
    }

    private static String channelDay(String platform, String channelJson, String day, long subs) {
      return "{\"platform\":" + json(platform) + ",\"channel\":" + channelJson + ",\"day\":\"" + day + "\",\"subscribers\":" + subs
          + ",\"subscribers_min\":" + subs + ",\"subscribers_max\":" + subs + ",\"observations\":1,\"posts\":0,\"views\":0,\"version\":1}";
    }

    private static void rows(ClickHouseGateway g, String table, String... rows) {
      g.insertJsonEachRow(table, (String.join("\n", rows) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String json(String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }
}
