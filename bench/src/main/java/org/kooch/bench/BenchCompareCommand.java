package org.kooch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kooch.app.ConnectionOptions;
import org.kooch.app.DurationConverter;
import org.kooch.app.LocalClickHouse;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.importer.JsonLinesImporter;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.JsonLinesCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kooch bench compare}: this build's backfill against another build's, in one run on the
 * same input, so that their ratio does not depend on the day's machine. The records are imported
 * once into an embedded broker; then each build runs {@code kooch run --bounded} over them in a JVM
 * of its own (same heap, same flags), into a scratch database of its own, alternating which goes
 * first in each round. Afterwards the derived tables of the two databases are compared: a faster
 * job that computes something else is no improvement.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"This build's backfill against another build's, on the same records in the same run.",
        "Import --records benchmark records once, then run 'kooch run --bounded' of each build in its own JVM",
        "(--java-opts), alternating the order per round, into <database>_compare_base and <database>_compare_this.",
        "Prints each run's time and records/s, the ratio, and whether the two builds' derived tables are equal.",
        "Build the baseline with: git worktree add --detach DIR REV && (cd DIR && mvn -q package -DskipTests),",
        "then pass --baseline DIR/app/target/kooch.jar (with its lib/ beside it)."})
final class BenchCompareCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = "--baseline", required = true, paramLabel = "JAR",
      description = "The other build's app jar (app/target/kooch.jar, with its lib/ directory beside it).")
  Path baseline;

  @Option(names = "--records", defaultValue = "5M", converter = BenchBackfillCommand.Count.class,
      description = "Records through both jobs (default ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--rounds", defaultValue = "1", description = "Runs of each build, alternating which goes first (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--java-opts", defaultValue = "-Xmx6g", description = "JVM options of this build's job JVM (default ${DEFAULT-VALUE}).")
  String javaOpts;

  @Option(names = "--baseline-java-opts", description = "JVM options of the baseline's job JVM (default: --java-opts).")
  String baselineJavaOpts;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval", converter = DurationConverter.class,
      description = "Checkpoint interval of both jobs (default: kooch run --bounded's).")
  Duration checkpointInterval;

  @Option(names = "--work-dir", description = "Where the file, the broker's data and the jobs' state go (default: a temporary directory).")
  Path workDir;

  /** One job run: its wall-clock and CPU seconds (the job's JVM only; ClickHouse's work is the same for both builds). */
  record Run(String build, int round, double seconds, double cpuSeconds, long records) {
    double perSecond() {
      return records / seconds;
    }

    double perCpuSecond() {
      return records / cpuSeconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(baseline)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--baseline: no such jar: " + baseline);
    }
    LocalClickHouse.ensureReady(connection.clickHouse(), false);
    Path dir = Files.createTempDirectory(workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir, "kooch-compare");
    Map<String, String> builds = new LinkedHashMap<>();
    builds.put("base", baseline.toAbsolutePath().toString());
    builds.put("this", System.getProperty("java.class.path"));
    List<Run> runs = new ArrayList<>();
    try {
      Path file = dir.resolve("compare.jsonl");
      System.err.printf(Locale.ROOT, "writing %,d records ...%n", records);
      BenchRecords.write(file, records);
      try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
        TopicAdmin.ensureTopics(kafka);
        try (RecordPublisher publisher = new RecordPublisher(kafka)) {
          new JsonLinesImporter(new JsonLinesCodec(), publisher, System.err, false).importFile(file);
          publisher.flush();
        }
        Files.delete(file);
        for (int round = 1; round <= rounds; round++) {
          List<String> order = new ArrayList<>(builds.keySet());
          if (round % 2 == 0) {
            java.util.Collections.reverse(order);
          }
          for (String build : order) {
            ClickHouseSettings db = database(build);
            ScratchDatabase.recreate(db);
            System.err.printf(Locale.ROOT, "round %d: %s ...%n", round, build);
            String opts = build.equals("base") && baselineJavaOpts != null ? baselineJavaOpts : javaOpts;
            double[] times = runJob(builds.get(build), opts, kafka, db, dir.resolve("state-" + build + "-" + round), dir.resolve(build + "-" + round + ".log"));
            runs.add(new Run(build, round, times[0], times[1], records));
            print(runs);
          }
        }
      }
      ResultDigest.Comparison same = ResultDigest.compare(connection.clickHouse(), database("base"), database("this"));
      System.out.println();
      System.out.println(same.report());
      return same.equal() ? 0 : 1;
    } finally {
      BenchBackfillCommand.deleteRecursively(dir);
    }
  }

  private ClickHouseSettings database(String build) {
    return connection.clickHouse().withDatabase(connection.clickHouse().database() + "_compare_" + build);
  }

  /**
   * Runs {@code kooch run --bounded} of one build in a JVM of its own; returns its wall-clock and
   * CPU seconds (JVM start included). The CPU time is read from the process every 100 ms while it
   * runs (the operating system forgets it at exit), so the last tenth of a second may be missing.
   */
  private double[] runJob(String classPath, String jvmOptions, KafkaSettings kafka, ClickHouseSettings db, Path stateDir, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions.trim().split("\\s+")));
    // The same --add-opens this JVM got from bin/kooch: Flink and Kafka need them.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
    command.addAll(List.of("-cp", classPath, "org.kooch.app.KoochCommand", "run", "--bounded",
        "--kafka", kafka.bootstrapServers(), "--clickhouse", db.url(), "--database", db.database(),
        "--state-dir", stateDir.toString(), "--parallelism", Integer.toString(parallelism)));
    if (checkpointInterval != null) {
      command.addAll(List.of("--checkpoint-interval", checkpointInterval.toSeconds() + "s"));
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("KOOCH_KAFKA");
    long start = System.nanoTime();
    Process p = pb.start();
    Duration cpu = Duration.ZERO;
    while (!p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      cpu = p.toHandle().info().totalCpuDuration().orElse(cpu);
    }
    int exit = p.exitValue();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("the job exited with " + exit + "; its output:\n" + tail(log));
    }
    return new double[] {seconds, cpu.toMillis() / 1e3};
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  static void print(List<Run> runs) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-6s %6s %12s %10s %12s %10s %14s%n", "build", "round", "records", "seconds", "records/s", "CPU s",
        "records/CPU s");
    for (Run r : runs) {
      System.out.printf(Locale.ROOT, "%-6s %6d %,12d %10.1f %,12.0f %10.1f %,14.0f%n", r.build(), r.round(), r.records(), r.seconds(),
          r.perSecond(), r.cpuSeconds(), r.perCpuSecond());
    }
    double[] base = mean(runs, "base");
    double[] mine = mean(runs, "this");
    if (base != null && mine != null) {
      System.out.printf(Locale.ROOT, "this build: %.2fx the baseline's rate (mean %.1f s against %.1f s), %.2fx its records per CPU second%s%n",
          base[0] / mine[0], mine[0], base[0], base[1] / mine[1], rateGap(base[0] / mine[0]));
    }
  }

  /** The backfill's goal against the baseline: twice its rate (issue 16). */
  static final double GOAL_RATIO = 2.0;

  /** How far a rate ratio is from {@link #GOAL_RATIO}, as the benchmark prints it, or empty when it is met. */
  static String rateGap(double ratio) {
    return ratio >= GOAL_RATIO ? "" : String.format(Locale.ROOT, "; the goal is %.0fx: %.2fx short", GOAL_RATIO, GOAL_RATIO - ratio);
  }

  /** A build's mean wall-clock and CPU seconds, or null before it ran. */
  private static double[] mean(List<Run> runs, String build) {
    List<Run> of = runs.stream().filter(r -> r.build().equals(build)).toList();
    if (of.isEmpty()) {
      return null;
    }
    return new double[] {of.stream().mapToDouble(Run::seconds).average().orElseThrow(),
        of.stream().mapToDouble(Run::cpuSeconds).average().orElseThrow()};
  }
}
