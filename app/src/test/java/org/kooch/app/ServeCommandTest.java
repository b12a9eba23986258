package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/**
 * {@code kooch serve} in a JVM of its own with the environment it would have: the start-up
 * refusals (an address other machines reach without a token, a ClickHouse account that can write,
 * a short token) and a dashboard that asks for its token, never printing it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeCommandTest {
  static final String TOKEN = "serve-test-token-5f0c2a9e81d34b7a";
  static ClickHouseSettings db;

  @BeforeAll
  static void database() {
    db = ClickHouseTestServer.freshDatabase("serve");
  }

  @Test
  void anAddressOtherMachinesReachIsRefusedWithoutAToken(@TempDir Path dir) throws Exception {
    Run r = run(dir, Map.of(), "serve", "--host", "0.0.0.0", "--port", "0");
    assertThat(r.exit).as(r.output).isEqualTo(1);
    assertThat(r.output).contains("kooch: --host 0.0.0.0 can be reached from other machines: set KOOCH_DASHBOARD_TOKEN");

    Run shortToken = run(dir, Map.of("KOOCH_DASHBOARD_TOKEN", "abc"), "serve", "--host", "0.0.0.0", "--port", "0");
    assertThat(shortToken.exit).as(shortToken.output).isEqualTo(1);
    assertThat(shortToken.output).contains("access token must be at least 16 characters");
  }

  @Test
  void anAccountThatCanWriteIsRefused(@TempDir Path dir) throws Exception {
    Run r = run(dir, Map.of("KOOCH_CLICKHOUSE_READONLY_USER", "default"), "serve", "--port", "0");
    assertThat(r.exit).as(r.output).isEqualTo(1);
    assertThat(r.output).contains("kooch: the dashboard's ClickHouse account 'default' can write").doesNotContain("dashboard at");
  }

  @Test
  void withATokenTheDashboardAsksForItAndNeverPrintsIt(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("serve.log");
    Process p = start(log, Map.of("KOOCH_DASHBOARD_TOKEN", TOKEN), "serve", "--port", "0", "--max-queries", "2", "--query-timeout", "5s");
    try {
      int port = awaitPort(p, log);
      HttpClient http = HttpClient.newHttpClient();
      URI health = URI.create("http://localhost:" + port + "/api/health");
      assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = http.send(HttpRequest.newBuilder(health).header("Authorization", "Bearer " + TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("\"clickhouse\":\"up\"");
      assertThat(Files.readString(log)).contains("?token=<KOOCH_DASHBOARD_TOKEN>").doesNotContain(TOKEN);
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
    assertThat(Files.readString(log)).doesNotContain(TOKEN);
  }

  private record Run(int exit, String output) {}

  private static Run run(Path dir, Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(dir, "kooch", ".log");
    Process p = start(log, env, args);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kooch " + String.join(" ", args) + " did not end: " + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** kooch with the test database's connection options and {@code env} on top of a clean environment. */
  private static Process start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(TestJvm.command("512m", KoochCommand.class, List.of(args)));
    cmd.addAll(List.of("--clickhouse", db.url(), "--database", db.database()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("KOOCH_DASHBOARD_TOKEN");
    pb.environment().remove("KOOCH_CLICKHOUSE_READONLY_USER");
    pb.environment().putAll(env);
    Process p = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "kooch-serve-kill"));
    return p;
  }

  private static int awaitPort(Process p, Path log) throws Exception {
    Pattern at = Pattern.compile("dashboard at http://localhost:(\\d+)/");
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      Matcher m = at.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!p.isAlive()) {
        throw new AssertionError("kooch serve ended: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("kooch serve did not start: " + Files.readString(log));
  }
}
