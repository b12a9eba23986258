package org.kooch.streaming.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/kooch-cluster}, the script that starts, stops and kills the processes of a local
 * cluster (Kafka brokers, a Flink session cluster, ClickHouse), run from a test with an environment
 * of the test's own (state directory, ports). The repository is the system property
 * {@code kooch.home}; the processes run on the test's Java ({@code JAVA_HOME}).
 */
public final class ClusterScript {
  private final Path home;
  private final Map<String, String> env;

  /** @param env variables for the script (e.g. {@code KOOCH_STATE_DIR}, {@code KOOCH_FLINK_REST_PORT}) */
  public ClusterScript(Map<String, String> env) {
    this.home = Path.of(System.getProperty("kooch.home", "..")).toAbsolutePath().normalize();
    this.env = new HashMap<>(env);
    this.env.put("JAVA_HOME", System.getProperty("java.home"));
  }

  /** Runs {@code bin/kooch-cluster ARGS...}; returns its output, or throws with it when it exits non-zero. */
  public String run(String... args) throws IOException, InterruptedException {
    Result r = tryRun(args);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("bin/kooch-cluster " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }

  /** Runs {@code bin/kooch-cluster ARGS...} (at most 5 minutes); its exit code and output. */
  public Result tryRun(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kooch-cluster").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("kooch-cluster", ".out");
    try {
      pb.redirectOutput(out.toFile());
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(-1, Files.readString(out, StandardCharsets.UTF_8) + "\n(timed out after 5 minutes)");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Whether the process of a pid file ({@code <dir>/<name>.pid}, written by the script) runs. */
  public static boolean alive(Path pidFile) {
    try {
      String pid = Files.readString(pidFile).trim();
      Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(pid));
      return p.map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /** An exit code and what the script printed. */
  public record Result(int exitCode, String output) {}
}
