package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import picocli.CommandLine;

/**
 * The README's first command: {@code kooch demo} on embedded defaults (its own broker, a Flink
 * MiniCluster, the 2018 scenario) serves platform user counts that grow on Soroush after the move.
 */
class DemoCommandTest {
  @Test
  void demoServesTheScenarioOnTheDashboard(@TempDir Path state) throws Exception {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("demo");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    DemoCommand demo = new DemoCommand();
    CommandLine cl = new CommandLine(demo);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> cl.execute("--port", String.valueOf(port), "--speed", "0", "--stop-after", "120s",
                "--clickhouse", ch.url(), "--database", ch.database(), "--state-dir", state.toString()));
    HttpClient http = HttpClient.newHttpClient();
    JsonNode body = null;
    long deadline = System.currentTimeMillis() + 90_000;
    try {
      while (System.currentTimeMillis() < deadline && !exit.isDone()) {
        try {
          HttpResponse<String> r = http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/platforms?from=2018-04-10&to=2018-05-31")).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            body = new ObjectMapper().readTree(r.body());
            // Each platform's rows come from its own sink subtask: wait for Soroush's too.
            if (body.get("days").size() >= 50 && soroushGrew(body)) {
              break;
            }
          }
        } catch (java.io.IOException notYetListening) {
          // the dashboard starts after Kafka and Flink
        }
        Thread.sleep(1000);
      }
    } finally {
      demo.stop();
    }
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(body).as("dashboard data").isNotNull();
    assertThat(body.get("days").size()).isGreaterThanOrEqualTo(50);
    JsonNode soroush = platform(body, "soroush");
    assertThat(soroush).isNotNull();
    // The leader's move on 18 April takes Soroush's tracked audience well past where it was.
    assertThat(soroush.get("tracked").get(indexOf(body, "2018-05-10")).asLong())
        .isGreaterThan(2 * soroush.get("tracked").get(indexOf(body, "2018-04-17")).asLong());
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      assertThat(g.queryLong("SELECT count() FROM v_platform_stats")).isEqualTo(3);
      assertThat(g.queryLong("SELECT uniqExact(platform, channel) FROM v_channel_daily")).isGreaterThan(15);
    }
  }

  private static int indexOf(JsonNode body, String day) {
    for (int i = 0; i < body.get("days").size(); i++) {
      if (body.get("days").get(i).asText().equals(day)) {
        return i;
      }
    }
    throw new AssertionError("no " + day);
  }

  private static JsonNode platform(JsonNode body, String platform) {
    for (JsonNode p : body.get("platforms")) {
      if (p.get("platform").asText().equals(platform)) {
        return p;
      }
    }
    return null;
  }

  /** Soroush's tracked audience on 10 May is more than twice what it was on 17 April. */
  private static boolean soroushGrew(JsonNode body) {
    JsonNode soroush = platform(body, "soroush");
    return soroush != null
        && soroush.get("tracked").get(indexOf(body, "2018-05-10")).asLong() > 2 * soroush.get("tracked").get(indexOf(body, "2018-04-17")).asLong();
  }
}
