package org.kooch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.app.ConnectionOptions;
import org.kooch.app.DurationConverter;
import org.kooch.app.JobRunner;
import org.kooch.app.LocalClickHouse;
import org.kooch.app.StateBackendConverter;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.streaming.JobSettings;
import org.kooch.streaming.StateBackendChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kooch bench freshness}: how soon a live record is visible. The streaming job (not bounded)
 * runs on a MiniCluster while records dated now are published at a steady rate into an embedded
 * broker; for the probe channels' records ({@link LiveLoad}, 1 in 100 channels) it measures the
 * time from publishing to the row in ClickHouse's {@code posts}, and to today's {@code
 * channel_daily} row showing the count (the open day's early rows).
 */
@Command(name = "freshness", mixinStandardHelpOptions = true,
    description = {"Time from Kafka to ClickHouse under a steady live load.",
        "Run the streaming job while publishing records dated now at --rate a second for --duration into an embedded",
        "broker, and print p50 and p99 of the time from publishing a record to its row in posts and to today's",
        "channel_daily row (database <database>_freshness, dropped and recreated)."})
final class BenchFreshnessCommand implements Callable<Integer> {
  /** The goal for p99 (docs/performance.md). */
  static final long GOAL_P99_MS = 5_000;

  @Mixin ConnectionOptions connection;

  @Option(names = "--rate", defaultValue = "7500", description = "Records a second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "3m", converter = DurationConverter.class,
      description = "How long the measured load runs (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "30s", converter = DurationConverter.class,
      description = "Load before the measured part, not measured (default ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--channels", defaultValue = "2000", description = "Channels the load spreads over (default ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval", converter = DurationConverter.class,
      description = "Checkpoint interval (default: a streaming kooch run's, 10s).")
  Duration checkpointInterval;

  @Option(names = "--sink-flush", converter = DurationConverter.class,
      description = "How long the ClickHouse sinks hold rows that do not fill a batch (default: the job's, 2s).")
  Duration sinkFlush;

  @Option(names = "--state-backend", converter = StateBackendConverter.class,
      description = "rocksdb or hashmap (default: a streaming kooch run's, rocksdb).")
  StateBackendChoice stateBackend;

  @Option(names = "--work-dir", description = "Where the broker's data and the job's state go (default: a temporary directory).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    LocalClickHouse.ensureReady(connection.clickHouse(), false);
    ClickHouseSettings db = connection.clickHouse().withDatabase(connection.clickHouse().database() + "_freshness");
    ScratchDatabase.recreate(db);
    Path dir = Files.createTempDirectory(workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir, "kooch-freshness");
    Duration interval = checkpointInterval == null ? JobSettings.defaultCheckpointInterval(false, -1) : checkpointInterval;
    StateBackendChoice backend = stateBackend == null ? StateBackendChoice.defaultFor(false, -1) : stateBackend;
    FreshnessProbes probes = new FreshnessProbes(channels);
    try (PeakMemory memory = new PeakMemory();
        EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        ClickHouseGateway reader = new ClickHouseGateway(db)) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      TopicAdmin.ensureTopics(kafka);
      JobSettings settings = JobRunner.settings(kafka, db, false, JobSettings.CONSUMER_GROUP);
      if (sinkFlush != null) {
        settings = settings.withSinkFlushInterval(sinkFlush);
      }
      StreamExecutionEnvironment env = JobRunner.environment(settings, parallelism, interval, dir.resolve("state"), null, backend);
      System.err.printf(Locale.ROOT, "streaming job: checkpoints every %s, sinks flush every %s, state in %s; %,.0f records/s over %,d channels%n",
          seconds(interval), seconds(settings.sinkFlushInterval()), backend.flinkName(), rate, channels);
      try (CheckpointStats stats = CheckpointStats.expose(env); RecordPublisher publisher = new RecordPublisher(kafka)) {
        JobClient job = env.executeAsync(JobSettings.JOB_NAME + " (freshness)");
        try {
          LiveLoad load = new LiveLoad(publisher, channels, probes);
          System.err.printf(Locale.ROOT, "warming up for %s ...%n", seconds(warmup));
          load.run(rate, System.nanoTime() + warmup.toNanos(), false);
          Thread watcher = watch(probes, reader);
          System.err.printf(Locale.ROOT, "measuring for %s ...%n", seconds(duration));
          long t0 = System.nanoTime();
          long sent = load.run(rate, System.nanoTime() + duration.toNanos(), true);
          double seconds = (System.nanoTime() - t0) / 1e9;
          publisher.flush();
          long landed = reader.queryLong("SELECT count() FROM posts");
          long published = load.posts();
          long drainUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (probes.pending() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(200);
          }
          watcher.interrupt();
          watcher.join();
          print(sent, seconds, probes, stats.summary(), memory, interval, settings.sinkFlushInterval(), backend);
          System.out.printf(Locale.ROOT, "when publishing stopped, posts held %,d of the %,d posts published (%.1f%%)%s%n",
              landed, published, 100.0 * landed / published,
              landed < published * 0.99
                  ? String.format(Locale.ROOT, ": the job was %,.0f s of posts behind", (published - landed) / (rate * 0.75))
                  : "");
          return 0;
        } finally {
          job.cancel().get();
        }
      }
    } finally {
      BenchBackfillCommand.deleteRecursively(dir);
    }
  }

  private static Thread watch(FreshnessProbes probes, ClickHouseGateway reader) {
    Thread t = new Thread(() -> {
      long failures = 0;
      while (!Thread.currentThread().isInterrupted()) {
        try {
          probes.poll(reader);
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          if (failures++ == 0) {
            System.err.println("probe query failed (reported once): " + e.getMessage());
          }
        }
      }
    }, "freshness-probes");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void print(long sent, double seconds, FreshnessProbes probes, CheckpointStats.Summary checkpoints, PeakMemory memory,
      Duration interval, Duration flush, StateBackendChoice backend) {
    System.out.printf(Locale.ROOT, "%nlive load: %,d records in %.1f s (%,.0f/s; asked %,.0f/s), %,d channels, %d probe channels;"
            + " checkpoints every %s, sinks flush every %s, state in %s, parallelism %d%n",
        sent, seconds, sent / seconds, rate, channels, probes.probeChannels(), seconds(interval), seconds(flush), backend.flinkName(),
        parallelism);
    System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s %10s%n", "published -> visible", "probes", "p50 s", "p99 s", "max s", "not seen");
    row("posts (row in ClickHouse)", probes.posts(), probes.postsPending());
    row("channel_daily (today's row has the count)", probes.daily(), probes.countsPending());
    System.out.printf(Locale.ROOT, "checkpoints: %d completed%s, state %,d MB, checkpoint p50 %.1f s, max %.1f s%n",
        checkpoints.completed(), checkpoints.failed() > 0 ? " (" + checkpoints.failed() + " failed)" : "",
        checkpoints.lastStateSize() >> 20, checkpoints.p50DurationMs() / 1e3, checkpoints.maxDurationMs() / 1e3);
    System.out.println("largest state: " + checkpoints.largest(3));
    System.out.printf(Locale.ROOT, "heap: peak used %,d MB; old generation after GC %,d MB (one JVM: broker, Flink MiniCluster, load)%n",
        memory.peakHeapUsed() >> 20, PeakMemory.peakAfterOldGc() >> 20);
    System.out.println("(times from handing the record to the Kafka producer to the first poll that shows it; polls every 100 ms)");
  }

  /** {@code 10s}, {@code 0.5s}. */
  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1e3);
  }

  private static void row(String name, long[] p, long notSeen) {
    System.out.printf(Locale.ROOT, "%-44s %,8d %8.2f %8.2f %8.2f %10d%s%n", name, p[3], p[0] / 1e3, p[1] / 1e3, p[2] / 1e3, notSeen,
        p[1] > GOAL_P99_MS ? String.format(Locale.ROOT, "   p99 %.2f s over the %.0f s goal", (p[1] - GOAL_P99_MS) / 1e3, GOAL_P99_MS / 1e3) : "");
  }
}
