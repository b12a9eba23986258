package org.kooch.app;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.streaming.JobSettings;
import org.kooch.streaming.KafkaConnectors;
import org.kooch.streaming.KoochJob;
import org.kooch.streaming.StateBackendChoice;

/** Runs the landing job on a local MiniCluster: to the end of the input (bounded) or until stopped. */
public final class JobRunner {
  private JobRunner() {}

  /**
   * The job with the default state backend of a run whose backlog is small: the heap for a bounded
   * run, RocksDB for a streaming one ({@link StateBackendChoice#defaultFor}).
   */
  public static StreamExecutionEnvironment environment(
      KafkaSettings kafka, ClickHouseSettings clickhouse, boolean bounded, int parallelism, Duration checkpointInterval, Path stateDir,
      Path resumeFrom) {
    return environment(kafka, clickhouse, bounded, parallelism, checkpointInterval, stateDir, resumeFrom,
        StateBackendChoice.defaultFor(bounded, 0));
  }

  /** @param resumeFrom a retained checkpoint to restore from (see {@link CheckpointResume}), or null */
  public static StreamExecutionEnvironment environment(
      KafkaSettings kafka, ClickHouseSettings clickhouse, boolean bounded, int parallelism, Duration checkpointInterval, Path stateDir,
      Path resumeFrom, StateBackendChoice stateBackend) {
    return environment(settings(kafka, clickhouse, bounded, JobSettings.CONSUMER_GROUP), parallelism, checkpointInterval, stateDir,
        resumeFrom, stateBackend);
  }

  /** The job with {@code settings} (e.g. a benchmark's sink flush interval). */
  public static StreamExecutionEnvironment environment(
      JobSettings settings, int parallelism, Duration checkpointInterval, Path stateDir, Path resumeFrom, StateBackendChoice stateBackend) {
    StreamExecutionEnvironment env =
        FlinkEnvironments.local(parallelism, checkpointInterval, checkpointDir(stateDir), resumeFrom, stateBackend);
    new KoochJob(KafkaConnectors.recordSource(settings), KafkaConnectors.deadLetterSink(settings), settings).build(env);
    return env;
  }

  /** The job's settings for a local run: the job's defaults ({@link JobSettings}), this run's consumer group. */
  public static JobSettings settings(KafkaSettings kafka, ClickHouseSettings clickhouse, boolean bounded, String consumerGroup) {
    return new JobSettings(
        kafka.bootstrapServers(), kafka.extra(), consumerGroup, clickhouse, bounded,
        JobSettings.OUT_OF_ORDERNESS, JobSettings.ALLOWED_LATENESS, JobSettings.IDLENESS);
  }

  public static Path checkpointDir(Path stateDir) {
    return stateDir.resolve("checkpoints");
  }

  /** Starts the streaming job and returns a handle that cancels it on close. */
  public static AutoCloseable startStreaming(StreamExecutionEnvironment env) throws Exception {
    JobClient job = env.executeAsync(JobSettings.JOB_NAME);
    System.err.println("Flink job " + job.getJobID() + " running");
    return () -> {
      try {
        job.cancel().get();
      } catch (Exception e) {
        // already finished or failed: nothing to cancel
      }
    };
  }
}
