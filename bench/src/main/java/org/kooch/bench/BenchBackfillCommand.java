package org.kooch.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kooch.app.BoundedRunProgress;
import org.kooch.app.ConnectionOptions;
import org.kooch.app.DurationConverter;
import org.kooch.app.JobRunner;
import org.kooch.app.LocalClickHouse;
import org.kooch.app.StateBackendConverter;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.importer.JsonLinesImporter;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.JsonLinesCodec;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.streaming.JobSettings;
import org.kooch.streaming.StateBackendChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kooch bench backfill}: a backfill at several sizes, each from scratch (a new file, a new
 * embedded broker, a new database): {@code kooch import} of the file, then the bounded job, both
 * with their progress bars, and a table of times per size and per million records, to show
 * whether time grows linearly with input.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"A backfill at several sizes and its time per million records.",
        "Backfill at several sizes, each from scratch: write a JSON Lines file of benchmark records (2,000 channels",
        "at hourly-collection density), kooch import it into a new embedded broker, run the bounded job into the scratch",
        "database <database>_backfill, and print the times per size and per million records (linear growth: equal per million).",
        "Needs about 300 bytes of disk per record for the file and 250 for Kafka (deleted after each size)."})
final class BenchBackfillCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = "--sizes", split = ",", defaultValue = "5M,20M,50M", converter = Count.class,
      description = "Records per run, e.g. 1M,5M,500k (default ${DEFAULT-VALUE}).")
  List<Long> sizes;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval", converter = DurationConverter.class,
      description = "Checkpoint interval of the job (default: kooch run --bounded's, a second per 800,000 records, 10s to 2m;"
          + " the job's end waits for one last checkpoint).")
  Duration checkpointInterval;

  @Option(names = "--state-backend", converter = StateBackendConverter.class,
      description = "rocksdb or hashmap (default: kooch run --bounded's, hashmap while 128 bytes a record fit in half the heap).")
  StateBackendChoice stateBackend;

  @Option(names = "--work-dir", description = "Where the file and the broker's data go (default: a temporary directory).")
  Path workDir;

  /** One size's figures. */
  record Run(long records, double writeSeconds, double importSeconds, double jobSeconds, long peakHeap, long oldAfterGc,
      StateBackendChoice backend, CheckpointStats.Summary checkpoints) {
    double perMillion() {
      return (importSeconds + jobSeconds) / (records / 1e6);
    }
  }

  @Override
  public Integer call() throws Exception {
    LocalClickHouse.ensureReady(connection.clickHouse(), false);
    List<Run> runs = new ArrayList<>();
    for (long n : sizes) {
      runs.add(run(n));
      print(runs, System.out);
    }
    return 0;
  }

  private Run run(long n) throws Exception {
    Path dir = Files.createTempDirectory(workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir, "kooch-backfill");
    try (PeakMemory memory = new PeakMemory()) {
      System.err.printf(Locale.ROOT, "%n== %,d records: writing the file ...%n", n);
      Path file = dir.resolve("backfill-" + n + ".jsonl");
      long t0 = System.nanoTime();
      BenchRecords.write(file, n);
      double write = seconds(t0);
      ClickHouseSettings db = connection.clickHouse().withDatabase(connection.clickHouse().database() + "_backfill");
      ScratchDatabase.recreate(db);
      boolean terminal = System.console() != null;
      try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
        TopicAdmin.ensureTopics(kafka);
        long t1 = System.nanoTime();
        try (RecordPublisher publisher = new RecordPublisher(kafka)) {
          new JsonLinesImporter(new JsonLinesCodec(), publisher, System.err, terminal).importFile(file);
          publisher.flush();
        }
        double imported = seconds(t1);
        Files.delete(file);
        long t2 = System.nanoTime();
        long backlog = TopicAdmin.backlog(kafka);
        Duration interval = checkpointInterval == null ? JobSettings.defaultCheckpointInterval(true, backlog) : checkpointInterval;
        StateBackendChoice backend = stateBackend == null ? StateBackendChoice.defaultFor(true, backlog) : stateBackend;
        System.err.printf(Locale.ROOT, "checkpoints every %d s, state in %s%n", interval.toSeconds(), backend.flinkName());
        StreamExecutionEnvironment env = JobRunner.environment(kafka, db, true, parallelism, interval, dir.resolve("state"), null, backend);
        try (CheckpointStats stats = CheckpointStats.expose(env)) {
          new BoundedRunProgress(backlog, System.err).execute(env);
          double job = seconds(t2);
          return new Run(n, write, imported, job, memory.peakHeapUsed(), PeakMemory.peakAfterOldGc(), backend, stats.summary());
        }
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  static void print(List<Run> runs, PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "%12s %10s %10s %10s %12s %12s %10s%n",
        "records", "write s", "import s", "run s", "import+run", "s per 1M", "peak heap");
    for (Run r : runs) {
      out.printf(Locale.ROOT, "%,12d %10.1f %10.1f %10.1f %12.1f %12.1f %,8d MB%n",
          r.records(), r.writeSeconds(), r.importSeconds(), r.jobSeconds(), r.importSeconds() + r.jobSeconds(), r.perMillion(),
          r.peakHeap() >> 20);
    }
    out.println();
    out.printf(Locale.ROOT, "%12s %8s %12s %12s %12s %12s %12s %14s%n",
        "records", "state", "checkpoints", "state max", "state last", "upload max", "ckpt p50/max", "old gen after GC");
    for (Run r : runs) {
      CheckpointStats.Summary c = r.checkpoints();
      out.printf(Locale.ROOT, "%,12d %8s %12s %,9d MB %,9d MB %,9d MB %6.1f/%.1f s %,11d MB%n",
          r.records(), r.backend().flinkName(), c.completed() + (c.failed() > 0 ? " (" + c.failed() + " failed)" : ""),
          c.maxStateSize() >> 20, c.lastStateSize() >> 20, c.maxCheckpointedSize() >> 20,
          c.p50DurationMs() / 1e3, c.maxDurationMs() / 1e3, r.oldAfterGc() >> 20);
    }
    for (Run r : runs) {
      out.printf(Locale.ROOT, "%,12d largest state at the last checkpoint: %s%n", r.records(), r.checkpoints().largest(4));
    }
    out.println("state: Flink's checkpointed state size (full); upload: what a checkpoint wrote (incremental with rocksdb);"
        + " statistics of the checkpoints completed while the job ran, read from Flink's REST API once a second");
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Deletes a benchmark's working directory and all in it (the benchmarks' temporary files, brokers and state). */
  static void deleteRecursively(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** 5M, 500k, 1500000. */
  static final class Count implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.trim().toUpperCase(Locale.ROOT);
      long unit = v.endsWith("M") ? 1_000_000L : v.endsWith("K") ? 1_000L : 1L;
      String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
      try {
        return Math.round(Double.parseDouble(digits) * unit);
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException("not a record count: '" + value + "' (e.g. 5M, 500k, 1500000)");
      }
    }
  }
}
