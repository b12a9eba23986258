package org.kooch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/** The dashboard against a real ClickHouse, read through the read-only user. */
class DashboardServerTest {
  static DashboardServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("dashboard");
    String rows =
        row("telegram", "a_chan", "2018-04-17", 1000) + row("telegram", "b_chan", "2018-04-17", 500)
            + row("telegram", "a_chan", "2018-04-18", 900) // b_chan missing on the 18th: carried forward
            + row("soroush", "a_chan", "2018-04-18", 300);
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      g.insertJsonEachRow("channel_daily", rows.getBytes(StandardCharsets.UTF_8));
      g.insertJsonEachRow("platform_stats",
          "{\"platform\":\"soroush\",\"observed_at\":\"2018-04-18 12:00:00\",\"reported_users\":5000000,\"source\":\"AFP\"}\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    String pw = System.getenv().getOrDefault("KOOCH_CLICKHOUSE_READONLY_PASSWORD", "");
    server = new DashboardServer(ch.withUser("kooch_readonly", pw));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void platformSeriesCarriesMissingDaysForwardAndShowsReports() throws Exception {
    JsonNode body = JSON.readTree(get("/api/platforms").body());
    assertThat(body.get("days").toString()).isEqualTo("[\"2018-04-17\",\"2018-04-18\"]");
    JsonNode telegram = platform(body, "telegram");
    assertThat(telegram.get("tracked").toString()).isEqualTo("[1500,1400]");
    JsonNode soroush = platform(body, "soroush");
    assertThat(soroush.get("tracked").toString()).isEqualTo("[null,300]");
    assertThat(soroush.get("reported").toString()).isEqualTo("[null,5000000]");
  }

  @Test
  void filtersChangeTheNumbers() throws Exception {
    JsonNode body = JSON.readTree(get("/api/platforms?from=2018-04-18&platform=soroush").body());
    assertThat(body.get("days").toString()).isEqualTo("[\"2018-04-18\"]");
    assertThat(body.get("platforms")).hasSize(1);
    assertThat(platform(body, "soroush").get("tracked").toString()).isEqualTo("[300]");
  }

  @Test
  void badInputIsA400WithAReason() throws Exception {
    HttpResponse<String> r = get("/api/platforms?from=yesterday");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("'from' must be a date");
    r = get("/api/platforms?platform=myspace");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown platform 'myspace'");
    r = get("/api/platforms?from=2018-05-01&to=2018-04-01");
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void servesThePageAndTheChartLibraryFromTheJar() throws Exception {
    assertThat(get("/").body()).contains("Tracked subscribers per platform");
    HttpResponse<String> lib = get("/webjars/echarts/5.3.1/dist/echarts.min.js");
    assertThat(lib.statusCode()).isEqualTo(200);
    assertThat(lib.body().length()).isGreaterThan(500_000);
  }

  private static JsonNode platform(JsonNode body, String id) {
    for (JsonNode p : body.get("platforms")) {
      if (p.get("platform").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no " + id + " in " + body);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String row(String platform, String channel, String day, long subs) {
    return "{\"platform\":\"" + platform + "\",\"channel\":\"" + channel + "\",\"day\":\"" + day + "\",\"subscribers\":" + subs
        + ",\"subscribers_min\":" + subs + ",\"subscribers_max\":" + subs + ",\"observations\":1,\"posts\":0,\"views\":0,\"version\":1}\n";
  }
}
