package org.kooch.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.app.alerts.AlertDispatcher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.streaming.JobSettings;
import org.kooch.streaming.StateBackendChoice;
import org.kooch.streaming.daily.ChannelDailyAggregator;
import org.kooch.streaming.decode.DecodeRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch run}: the Flink jobs, Kafka to ClickHouse. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Flink jobs on a local MiniCluster: Kafka records to the ClickHouse tables.",
      "--bounded processes what is in Kafka now and exits (backfills, tests); otherwise it runs until Ctrl-C",
      "and resumes from the latest checkpoint an earlier run left in the state directory (unless --from-scratch)."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin AlertOptions alerts;

  @Option(names = "--bounded", description = "Process what is in Kafka now, then exit.")
  boolean bounded;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval", converter = DurationConverter.class,
      description = "Checkpoint interval, e.g. 10s, 1m (default 10s; with --bounded, a second per 800,000 records in Kafka, 10s to 2m).")
  Duration checkpointInterval;

  @Option(names = "--state-backend", converter = StateBackendConverter.class,
      description = "Where keyed state lives: rocksdb (off the heap, incremental checkpoints) or hashmap (the heap);"
          + " default rocksdb, except hashmap for --bounded while its state (128 bytes a record in Kafka) fits in half the heap.")
  StateBackendChoice stateBackend;

  @Option(names = "--from-scratch",
      description = "Streaming: ignore retained checkpoints and read every topic from the start (e.g. after changing --kafka or --database).")
  boolean fromScratch;

  @Override
  public Integer call() throws Exception {
    LocalClickHouse.ensureReady(connection.clickHouse(), false);
    Shutdown shutdown = new Shutdown();
    try {
      KafkaHandle kafka = shutdown.register(KafkaHandle.open(connection));
      Path resumeFrom = bounded || fromScratch ? null : resumePoint(connection.stateDir());
      long backlog = bounded ? TopicAdmin.backlog(kafka.settings()) : -1;
      StreamExecutionEnvironment env =
          JobRunner.environment(
              kafka.settings(), connection.clickHouse(), bounded, parallelism,
              checkpointInterval == null ? JobSettings.defaultCheckpointInterval(bounded, backlog) : checkpointInterval, connection.stateDir(),
              resumeFrom, stateBackend == null ? StateBackendChoice.defaultFor(bounded, backlog) : stateBackend);
      if (bounded) {
        long start = System.nanoTime();
        JobExecutionResult result = new BoundedRunProgress(backlog, System.err).execute(env);
        System.out.printf("processed Kafka into %s in %.1f s%n", connection.clickHouse().database(), (System.nanoTime() - start) / 1e9);
        Object dead = result.getAllAccumulatorResults().get(DecodeRecords.DEAD_LETTER_ACCUMULATOR);
        Object late = result.getAllAccumulatorResults().get(ChannelDailyAggregator.TOO_LATE_ACCUMULATOR);
        System.out.println((dead == null ? 0 : dead) + " records went to the dead-letter topic kooch.deadletter.v1"
            + (late == null || ((Number) late).longValue() == 0 ? "" : ", " + late + " of them too late for channel_daily"));
        return 0;
      }
      AlertDispatcher dispatcher = alerts.dispatcher(connection.clickHouse());
      shutdown.register(JobRunner.startStreaming(env));
      if (dispatcher != null) {
        shutdown.register(dispatcher.start());
      }
      System.err.println("running; Ctrl-C stops");
      shutdown.await(0);
      return 0;
    } finally {
      shutdown.closeAll();
    }
  }

  /** A bounded run always reads everything; a streaming run continues where the last one stopped. */
  private static Path resumePoint(Path stateDir) {
    Path dir = JobRunner.checkpointDir(stateDir);
    Optional<Path> latest = CheckpointResume.latest(dir);
    System.err.println(
        latest.map(p -> "resuming from checkpoint " + p + " (--from-scratch ignores it)")
            .orElse("no retained checkpoint in " + dir + ": reading every topic from the start"));
    return latest.orElse(null);
  }
}
