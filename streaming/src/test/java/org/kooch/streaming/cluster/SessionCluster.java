package org.kooch.streaming.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.kooch.ingest.broker.FreePorts;

/**
 * A Flink session cluster as separate processes, started by {@code bin/kooch-cluster start flink}
 * from Maven's Flink jars (flink-dist is not on Maven Central; the flink-cluster module writes their
 * classpath): one JobManager and N TaskManagers, on loopback, with free ports and a directory of
 * their own (config, logs in {@code <dir>/log}, checkpoints), and no restart strategy, so that a
 * failing job fails at once. {@link #close()} (and JVM exit) stops them.
 */
final class SessionCluster implements AutoCloseable {
  private final Path dir;
  private final int restPort;
  private final int taskManagers;
  private final ClusterScript script;
  private final Thread stopper = new Thread(this::stop, "flink-session-cluster-stop");

  private SessionCluster(Path dir, int restPort, int taskManagers, ClusterScript script) {
    this.dir = dir;
    this.restPort = restPort;
    this.taskManagers = taskManagers;
    this.script = script;
  }

  /** Starts the processes and waits until the TaskManagers' slots are registered. */
  static SessionCluster start(int taskManagers, int slotsPerTaskManager) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("kooch-flink-cluster");
    int[] ports = FreePorts.on("127.0.0.1", 2);
    int restPort = ports[0];
    ClusterScript script = new ClusterScript(Map.of(
        "KOOCH_FLINK_DIR", dir.toString(),
        "KOOCH_FLINK_REST_PORT", String.valueOf(restPort),
        "KOOCH_FLINK_RPC_PORT", String.valueOf(ports[1]),
        "KOOCH_FLINK_TASKMANAGERS", String.valueOf(taskManagers),
        "KOOCH_FLINK_SLOTS", String.valueOf(slotsPerTaskManager),
        "KOOCH_FLINK_RESTART_ATTEMPTS", "0"));
    SessionCluster cluster = new SessionCluster(dir, restPort, taskManagers, script);
    Runtime.getRuntime().addShutdownHook(cluster.stopper);
    try {
      script.run("start", "flink");
    } catch (IOException | RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  Path logDir() {
    return dir.resolve("log");
  }

  /** Every process's log (the last lines), for an assertion's message. */
  String logTails() {
    try (Stream<Path> logs = Files.list(logDir())) {
      return logs.sorted().map(p -> {
        try {
          List<String> lines = Files.readAllLines(p);
          return "==> " + p.getFileName() + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
          return "==> " + p.getFileName() + ": " + e;
        }
      }).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Whether every process still runs (a process that died says why in its log). */
  boolean allAlive() {
    return Stream.concat(Stream.of("jobmanager"), IntStream.rangeClosed(1, taskManagers).mapToObj(i -> "taskmanager-" + i))
        .allMatch(name -> ClusterScript.alive(dir.resolve(name + ".pid")));
  }

  private void stop() {
    try {
      script.tryRun("stop", "flink");
    } catch (IOException e) {
      System.err.println("stopping the session cluster: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook stops the cluster again, harmlessly
    }
  }
}
