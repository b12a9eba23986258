package org.kooch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.SchemaMigrator;
import org.kooch.ingest.broker.FreePorts;

/**
 * A second, private ClickHouse server for a test that stops it: started with the project's
 * {@code bin/kooch-clickhouse} on free ports with its own state directory, so the shared server
 * other tests use is never touched. Close it in {@code finally}.
 */
final class OwnClickHouse implements AutoCloseable {
  private final Path script;
  private final Path stateDir;
  private final int httpPort;
  private final int tcpPort;

  private OwnClickHouse(Path script, Path stateDir, int httpPort, int tcpPort) {
    this.script = script;
    this.stateDir = stateDir;
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
  }

  /** True when the server binary the script runs is installed (it would otherwise try apt-get). */
  static boolean available() {
    String bin = System.getenv().getOrDefault("KOOCH_CLICKHOUSE_SERVER_BIN", "/usr/sbin/clickhouse-server");
    return Files.isExecutable(Path.of(bin)) && script() != null;
  }

  static OwnClickHouse start(Path stateDir) throws Exception {
    int[] ports = FreePorts.on("127.0.0.1", 2);
    OwnClickHouse ch = new OwnClickHouse(script(), stateDir, ports[0], ports[1]);
    // Should the test JVM be stopped before close(), the server must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(ch::stopQuietly, "own-clickhouse-stop"));
    try {
      ch.start();
    } catch (Exception e) {
      ch.stopQuietly();
      throw e;
    }
    return ch;
  }

  /** Settings for a new, migrated database on this server. */
  ClickHouseSettings freshDatabase(String name) {
    ClickHouseSettings s = new ClickHouseSettings("http://127.0.0.1:" + httpPort, "default", "", name);
    new SchemaMigrator(s).migrate();
    return s;
  }

  void start() throws Exception {
    run("start");
  }

  void stop() throws Exception {
    run("stop");
  }

  /** Stops the server, also when the test was interrupted (a timeout). Safe to call twice. */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted();
    try {
      stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the test's ClickHouse in " + stateDir, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (Exception e) {
      System.err.println("could not stop the test's ClickHouse in " + stateDir + ": " + e.getMessage());
    }
  }

  private void run(String command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(script.toString(), command).redirectErrorStream(true);
    pb.environment().put("KOOCH_STATE_DIR", stateDir.toString());
    pb.environment().put("KOOCH_CLICKHOUSE_HTTP_PORT", String.valueOf(httpPort));
    pb.environment().put("KOOCH_CLICKHOUSE_TCP_PORT", String.valueOf(tcpPort));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("bin/kooch-clickhouse " + command + " failed: " + out);
    }
  }

  private static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path s = dir.resolve("bin/kooch-clickhouse");
      if (Files.isExecutable(s)) {
        return s;
      }
    }
    return null;
  }

  static int freePort() throws IOException {
    return FreePorts.on("127.0.0.1", 1)[0];
  }
}
