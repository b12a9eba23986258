package org.kooch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.queries.KnownRows;

/** The dashboard's JSON API against a real ClickHouse with known rows, read through the read-only user. */
class DashboardServerTest {
  static DashboardServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    ClickHouseSettings ch = KnownRows.database("dashboard");
    server = new DashboardServer(ClickHouseTestServer.readOnly(ch));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void platformsComeFromPlatformDailyWithReports() throws Exception {
    JsonNode body = json("/api/platforms");
    assertThat(body.get("days").toString()).isEqualTo("[\"2018-04-17\",\"2018-04-18\",\"2018-04-19\"]");
    assertThat(platform(body, "telegram").get("tracked").toString()).isEqualTo("[1500,1400,1300]");
    JsonNode soroush = platform(body, "soroush");
    assertThat(soroush.get("name").asText()).isEqualTo("Soroush");
    assertThat(soroush.get("tracked").toString()).isEqualTo("[null,300,420]");
    assertThat(soroush.get("reported").toString()).isEqualTo("[null,5000000,null]");
  }

  @Test
  void filtersChangeTheNumbers() throws Exception {
    JsonNode body = json("/api/platforms?from=2018-04-18&platform=soroush");
    assertThat(body.get("days").toString()).isEqualTo("[\"2018-04-18\",\"2018-04-19\"]");
    assertThat(body.get("platforms")).hasSize(1);
    assertThat(platform(body, "soroush").get("tracked").toString()).isEqualTo("[300,420]");
    assertThat(json("/api/flows").get("pairs").get(0).get("total").asLong()).isEqualTo(220);
    assertThat(json("/api/flows?to=2018-04-18").get("pairs").get(0).get("total").asLong()).isEqualTo(100);
    assertThat(json("/api/flows?platform=gap").get("pairs")).isEmpty();
    assertThat(json("/api/flows?found_by=announced").get("pairs").get(0).get("total").asLong()).isEqualTo(220);
    assertThat(json("/api/flows?found_by=inferred").get("pairs")).isEmpty();
  }

  /** KnownRows' channel_attention: telegram/a_chan's 14 baseline days before its first flow day hold 14,000 views at 24 h. */
  @Test
  void attentionSeriesWithSharesAndThePairsMove() throws Exception {
    JsonNode body = json("/api/attention?from=2018-04-18");
    assertThat(body.get("days").toString()).isEqualTo("[\"2018-04-18\",\"2018-04-19\"]");
    JsonNode telegram = platform(body, "telegram");
    assertThat(telegram.get("views24h").toString()).isEqualTo("[" + (1000 + 400) + "," + 200 + "]");
    assertThat(telegram.get("share24h").toString()).isEqualTo("[0.7,0.2]");
    assertThat(telegram.get("views").toString()).isEqualTo("[" + (1200 + 500) + "," + (300 + 90) + "]");
    JsonNode pair = body.get("pairs").get(0);
    assertThat(pair.get("fromChannel").asText()).isEqualTo("a_chan");
    assertThat(pair.get("lost").asLong()).isEqualTo(14_000 / 14 - (1000 + 200) / 2);
    assertThat(pair.get("gained").asLong()).isEqualTo((600 + 800) / 2);

    JsonNode soroush = json("/api/attention?from=2018-04-18&platform=soroush");
    assertThat(soroush.get("platforms")).hasSize(1);
    assertThat(platform(soroush, "soroush").get("share24h").toString()).isEqualTo("[0.3,0.8]");
    assertThat(json("/api/attention?from=2018-04-11&to=2018-04-16").get("days")).isEmpty();
    assertError("/api/attention?platform=myspace", 400, "unknown platform 'myspace'");
  }

  @Test
  void flowsArePairsWithDailySeriesAndRanges() throws Exception {
    JsonNode pair = json("/api/flows").get("pairs").get(0);
    assertThat(pair.get("from").asText()).isEqualTo("telegram");
    assertThat(pair.get("toName").asText()).isEqualTo("Soroush");
    assertThat(pair.get("flow").toString()).isEqualTo("[100,120]");
    assertThat(pair.get("totalLow").asLong()).isEqualTo(180);
    assertThat(pair.get("totalHigh").asLong()).isEqualTo(260);
  }

  @Test
  void latestMovesAreTheNewestAlerts() throws Exception {
    JsonNode alert = json("/api/alerts?limit=5").get("alerts").get(0);
    assertThat(alert.get("alertId").asText()).isEqualTo(KnownRows.ALERT_ID);
    assertThat(alert.get("kind").asText()).isEqualTo("announced");
    assertThat(alert.get("fromChannel").asText()).isEqualTo("a_chan");
    assertThat(alert.get("toPlatform").asText()).isEqualTo("soroush");
    assertThat(alert.get("raisedAt").asText()).isEqualTo("2018-04-18 06:30:20");
    assertThat(json("/api/alerts").get("alerts")).hasSize(1);
  }

  @Test
  void channelsGainingAndLosing() throws Exception {
    JsonNode body = json("/api/channels?from=2018-04-17");
    assertThat(body.get("gainers").get(0).get("channel").asText()).isEqualTo("a_chan");
    assertThat(body.get("gainers").get(0).get("platform").asText()).isEqualTo("soroush");
    assertThat(body.get("gainers").get(0).get("change").asLong()).isEqualTo(120);
    assertThat(body.get("losers").get(0).get("change").asLong()).isEqualTo(-200);
    assertThat(body.get("losers").get(0).get("title").asText()).isEqualTo(KnownRows.TITLE);
  }

  @Test
  void channelPageFollowsAnnouncedLinksAndKeepsPersianText() throws Exception {
    JsonNode body = json("/api/channels/telegram/A_Chan");
    assertThat(body.get("channel").get("title").asText()).isEqualTo(KnownRows.TITLE);
    assertThat(body.get("channel").get("description").asText()).isEqualTo(KnownRows.DESCRIPTION);
    assertThat(body.get("accounts").findValuesAsText("platform")).containsExactly("telegram", "soroush");
    assertThat(body.get("subscribers").get(1).toString()).isEqualTo("[null,300,420]");
    assertThat(body.get("announcements").get(0).get("text").asText()).isEqualTo(KnownRows.ANNOUNCEMENT);
    assertThat(body.get("flows").get(0).get("flow").asLong()).isEqualTo(220);
  }

  @Test
  void badInputIsA4xxWithAReason() throws Exception {
    assertError("/api/platforms?from=yesterday", 400, "'from' must be a date like 2018-04-30 (YYYY-MM-DD), got 'yesterday'");
    assertError("/api/flows?platform=telegram,myspace", 400, "unknown platform 'myspace' (known: telegram, soroush, gap");
    assertError("/api/flows?found_by=rumour", 400, "found_by must be announced or inferred, not 'rumour'");
    assertError("/api/channels?from=2018-05-01&to=2018-04-01", 400, "'to' (2018-04-01) is before 'from' (2018-05-01)");
    assertError("/api/channels?limit=lots", 400, "'limit' must be a whole number, got 'lots'");
    assertError("/api/channels?limit=0", 400, "limit must be between 1 and 1000");
    assertError("/api/channels/myspace/a_chan", 400, "unknown platform 'myspace'");
    assertError("/api/channels/telegram/a%27%20OR%201", 400, "invalid channel handle");
    assertError("/api/channels/telegram/nobody_here", 404, "no channel telegram/nobody_here in the database");
    assertError("/api/nothing", 404, "no API endpoint /api/nothing");
  }

  @Test
  void servesThePagesAndTheChartLibraryFromTheJar() throws Exception {
    assertThat(get("/").body()).contains("Tracked subscribers per platform");
    assertThat(get("/flows.html").body()).contains("Daily flow per platform pair");
    assertThat(get("/channel.html").body()).contains("Announcements");
    HttpResponse<String> lib = get("/webjars/echarts/5.3.1/dist/echarts.min.js");
    assertThat(lib.statusCode()).isEqualTo(200);
    assertThat(lib.body().length()).isGreaterThan(500_000);
  }

  private static void assertError(String path, int status, String message) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    assertThat(JSON.readTree(r.body()).get("error").asText()).as(path).contains(message);
  }

  private static JsonNode platform(JsonNode body, String id) {
    for (JsonNode p : body.get("platforms")) {
      if (p.get("platform").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no " + id + " in " + body);
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
