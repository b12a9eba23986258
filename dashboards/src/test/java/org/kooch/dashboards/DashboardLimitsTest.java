package org.kooch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.queries.KnownRows;

/**
 * The dashboard under load, against the real ClickHouse as the read-only user: queries beyond the
 * permits get 503 with Retry-After while {@code /api/health} still answers, and a request past its
 * deadline is answered 504 and its query is killed in ClickHouse.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardLimitsTest {
  /** Marks this run's endless queries, so that runs of other builds on the same server are not counted. */
  static final String RUN = "limits-test-" + java.util.UUID.randomUUID();
  /**
   * Never ends by itself: ClickHouse sleeps a second per block of numbers, and stops between
   * blocks when the query is killed (the read-only profile's max_execution_time ends it otherwise).
   */
  static final String ENDLESS = "SELECT count() AS n FROM system.numbers WHERE sleep(1) = 0 AND '" + RUN + "' != ''";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static ClickHouseSettings writer;
  static ClickHouseSettings readOnly;

  @BeforeAll
  static void database() {
    writer = KnownRows.database("limits");
    readOnly = ClickHouseTestServer.readOnly(writer);
  }

  @Test
  void beyondThePermitsDataCallsGet503WithRetryAfterWhileHealthAnswers() throws Exception {
    DashboardOptions options = DashboardOptions.defaults().withMaxQueries(2).withPermitWait(Duration.ofMillis(200))
        .withRequestTimeout(Duration.ofMinutes(2));
    List<CompletableFuture<Object>> holders = new ArrayList<>();
    try (DashboardServer server = new DashboardServer(readOnly, options)) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      assertThat(get(base + "/api/platforms").statusCode()).isEqualTo(200);
      for (int i = 0; i < 2; i++) {
        holders.add(CompletableFuture.supplyAsync(() -> server.runAsDataRequest(reader -> reader.query(ENDLESS))));
      }
      awaitRunning(2);
      assertThat(server.permits().available()).isZero();

      HttpResponse<String> health = get(base + "/api/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(health.body()).get("clickhouse").asText()).isEqualTo("up");

      HttpResponse<String> busy = get(base + "/api/platforms");
      assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(JSON.readTree(busy.body()).get("error").asText()).contains("as many queries as it allows at once");
      assertThat(get(base + "/api/channels/telegram/a_chan").statusCode()).isEqualTo(503);
      assertThat(get(base + "/").statusCode()).as("pages need no permit").isEqualTo(200);
    }
    // Closing the server killed the two queries in ClickHouse (without, they would run for 60 s).
    awaitRunning(0);
    for (CompletableFuture<Object> h : holders) {
      assertThatThrownBy(() -> h.get(60, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.ExecutionException.class);
    }
  }

  @Test
  void aRequestPastItsDeadlineIs504AndItsQueryIsKilled() throws Exception {
    DashboardOptions options = DashboardOptions.defaults().withRequestTimeout(Duration.ofSeconds(1));
    try (DashboardServer server = new DashboardServer(readOnly, options)) {
      server.start("127.0.0.1", 0);
      assertThatThrownBy(() -> server.runAsDataRequest(reader -> reader.query(ENDLESS)))
          .isInstanceOf(DeadlineExceededException.class).hasMessageContaining("took longer than 1 s");
      // Without the kill it would run until the profile's max_execution_time (60 s).
      awaitRunning(0);
      assertThat(server.permits().available()).as("the permit is back once ClickHouse let go").isEqualTo(options.maxQueries());
    }
  }

  @Test
  void theApiAnswers504WithAReasonPastTheDeadline() throws Exception {
    DashboardOptions options = DashboardOptions.defaults().withRequestTimeout(Duration.ofNanos(1));
    try (DashboardServer server = new DashboardServer(readOnly, options)) {
      String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
      HttpResponse<String> r = get(base + "/api/flows");
      assertThat(r.statusCode()).isEqualTo(504);
      assertThat(JSON.readTree(r.body()).get("error").asText()).startsWith("the data took longer than").contains("to read");
      assertThat(get(base + "/api/health").statusCode()).isEqualTo(200);
    }
  }

  /** Waits (up to 30 s) until exactly {@code n} of the endless queries run in ClickHouse. */
  private static void awaitRunning(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long running = -1;
    while (System.nanoTime() < deadline) {
      running = running();
      if (running == n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + n + " endless queries in ClickHouse, found " + running);
  }

  private static long running() {
    try (ClickHouseGateway g = new ClickHouseGateway(writer)) {
      return g.queryLong("SELECT count() FROM system.processes WHERE query LIKE '%kooch-dashboard %' AND query LIKE '%" + RUN + "%'"
          + " AND query NOT LIKE '%system.processes%'");
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

}
