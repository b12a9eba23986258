package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.dashboards.DashboardServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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
    assertThat(((Number) browser.js("return document.querySelectorAll('svg').length")).intValue()).isEqualTo(3);
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
}
