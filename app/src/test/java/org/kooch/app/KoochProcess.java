package org.kooch.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code kooch} in a JVM of its own, so that a test can kill it the hard way (SIGKILL). */
final class KoochProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private KoochProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static KoochProcess start(Path log, String... args) throws IOException {
    return start(log, Map.of(), args);
  }

  /** As {@link #start(Path, String...)}, with {@code env} added to the environment. */
  static KoochProcess start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = TestJvm.command("1g", KoochCommand.class, List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "kooch-process-kill")); // never outlive the test JVM
    return new KoochProcess(p, log);
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself; its exit code. */
  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("kooch did not finish within " + seconds + " s; its output:\n" + output());
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no cancellation, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM (Ctrl-C's path), then SIGKILL if it does not stop (or the test was interrupted). */
  @Override
  public void close() {
    TestJvm.stop(process);
  }
}
