package org.kooch.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kooch.ingest.broker.BrokerMain;

/**
 * A Kafka broker ({@link BrokerMain}) in a JVM of its own, so that a test can kill it the hard way
 * (SIGKILL) mid-stream and start it again on the same port and data directory. Each start logs to
 * a file of its own beside the data directory. Close it in {@code finally}.
 */
final class BrokerProcess implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private volatile Process process;
  private int starts;

  private BrokerProcess(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Starts a broker on {@code port} (a fixed one: clients reconnect to the same address). */
  static BrokerProcess start(Path dataDir, int port) throws Exception {
    BrokerProcess b = new BrokerProcess(dataDir, port);
    Runtime.getRuntime().addShutdownHook(new Thread(b::killQuietly, "broker-process-kill")); // never outlive the test JVM
    b.restart();
    return b;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Starts the broker again (after {@link #kill()}) and waits until it serves. */
  synchronized void restart() throws Exception {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the broker is running");
    }
    Files.createDirectories(dataDir);
    Path log = dataDir.resolveSibling("broker-" + (++starts) + ".log");
    List<String> cmd = TestJvm.command("512m", BrokerMain.class, List.of(dataDir.toString(), String.valueOf(port)));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!read(log).contains("ready " + bootstrapServers())) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the broker did not start (" + (process.isAlive() ? "timed out" : "exited") + "); its log " + log
            + " ends with:\n" + tail(read(log)));
      }
      Thread.sleep(100);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no controlled shutdown; waits until the process is gone. */
  synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the broker process survived SIGKILL for 30 s");
    }
  }

  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    TestJvm.stop(process);
  }

  private void killQuietly() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
