package org.kooch.streaming.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink session cluster as separate processes, started from Maven's Flink jars (flink-dist is not
 * on Maven Central): one JobManager ({@code StandaloneSessionClusterEntrypoint}) and N TaskManagers
 * ({@code TaskManagerRunner}), all on loopback with free ports, sharing a generated
 * {@code config.yaml}. Logs go to {@code <dir>/log}. {@link #close()} (and JVM exit) kills them.
 */
final class SessionCluster implements AutoCloseable {
  private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

  private final Path dir;
  private final int restPort;
  private final List<Process> processes = new ArrayList<>();
  private final Thread killer = new Thread(this::kill, "flink-session-cluster-kill");

  private SessionCluster(Path dir, int restPort) {
    this.dir = dir;
    this.restPort = restPort;
  }

  /**
   * Starts the processes; the cluster is ready once {@link FlinkRest#awaitSlots} sees the
   * TaskManagers' slots.
   *
   * @param classpath the Flink runtime's jars (without the job's)
   * @param jvmArgs options for every process (the {@code --add-opens} Flink needs on Java 17)
   */
  static SessionCluster start(String classpath, List<String> jvmArgs, int taskManagers, int slotsPerTaskManager) throws IOException {
    Path dir = Files.createTempDirectory("kooch-flink-cluster");
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("log"));
    Files.createDirectories(dir.resolve("tmp"));
    int restPort = freePort();
    int rpcPort = freePort();
    Files.writeString(dir.resolve("conf/config.yaml"), String.join("\n",
        "jobmanager.rpc.address: 127.0.0.1",
        "jobmanager.rpc.port: " + rpcPort,
        "jobmanager.bind-host: 127.0.0.1",
        "jobmanager.memory.process.size: 768m",
        "taskmanager.host: 127.0.0.1",
        "taskmanager.bind-host: 127.0.0.1",
        "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
        // What flink-dist's scripts compute (BashJavaUtils) and pass to a TaskManager: 1 GB in all.
        "taskmanager.memory.process.size: 1g",
        "taskmanager.cpu.cores: 2",
        "taskmanager.memory.framework.heap.size: 128m",
        "taskmanager.memory.task.heap.size: 256m",
        "taskmanager.memory.framework.off-heap.size: 128m",
        "taskmanager.memory.task.off-heap.size: 0m",
        "taskmanager.memory.network.min: 64m",
        "taskmanager.memory.network.max: 64m",
        "taskmanager.memory.managed.size: 128m",
        "taskmanager.memory.jvm-metaspace.size: 192m",
        "taskmanager.memory.jvm-overhead.min: 128m",
        "taskmanager.memory.jvm-overhead.max: 128m",
        "rest.address: 127.0.0.1",
        "rest.bind-address: 127.0.0.1",
        "rest.port: " + restPort,
        "web.submit.enable: true",
        "web.upload.dir: " + dir.resolve("tmp"),
        "io.tmp.dirs: " + dir.resolve("tmp"),
        "parallelism.default: 1",
        "restart-strategy.type: none",
        ""));
    Files.writeString(dir.resolve("conf/log4j2.properties"), String.join("\n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = file",
        "appender.file.type = File",
        "appender.file.name = file",
        "appender.file.fileName = ${sys:log.file}",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
        ""));
    SessionCluster cluster = new SessionCluster(dir, restPort);
    Runtime.getRuntime().addShutdownHook(cluster.killer);
    try {
      cluster.launch("jobmanager", JOB_MANAGER, classpath, jvmArgs, "-Xmx400m");
      for (int i = 1; i <= taskManagers; i++) {
        cluster.launch("taskmanager-" + i, TASK_MANAGER, classpath, jvmArgs,
            "-Xmx384m", "-Xms384m", "-XX:MaxDirectMemorySize=192m", "-XX:MaxMetaspaceSize=192m");
      }
    } catch (IOException | RuntimeException e) {
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

  /** Whether every process still runs (a process that died at start says why in its log). */
  boolean allAlive() {
    return processes.stream().allMatch(Process::isAlive);
  }

  private void launch(String name, String mainClass, String classpath, List<String> jvmArgs, String... memory) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(Arrays.asList(memory));
    command.add("-Dlog.file=" + logDir().resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j2.properties").toUri());
    command.addAll(List.of("-cp", classpath, mainClass, "--configDir", dir.resolve("conf").toString()));
    processes.add(new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logDir().resolve(name + ".out").toFile())
        .start());
  }

  private void kill() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs kill() again, harmlessly
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
