package org.kooch.app;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.streaming.StateBackendChoice;

/**
 * Flink environments for Kooch's jobs: an in-process MiniCluster with checkpoints on local disk.
 * The latest checkpoint is kept when the job is cancelled or its process dies, so the next run can
 * resume from it ({@link CheckpointResume}).
 */
public final class FlinkEnvironments {
  private FlinkEnvironments() {}

  /** An environment with keyed state on the heap ({@link StateBackendChoice#HASHMAP}, Flink's default). */
  public static StreamExecutionEnvironment local(int parallelism, Duration checkpointInterval, Path checkpointDir, Path resumeFrom) {
    return local(parallelism, checkpointInterval, checkpointDir, resumeFrom, StateBackendChoice.HASHMAP);
  }

  /**
   * @param resumeFrom a retained checkpoint ({@code .../chk-N}) to restore the job from, or null to
   *     start from scratch
   * @param stateBackend where keyed state lives; RocksDB keeps its files in {@code rocksdb/} beside
   *     {@code checkpointDir}
   */
  public static StreamExecutionEnvironment local(
      int parallelism, Duration checkpointInterval, Path checkpointDir, Path resumeFrom, StateBackendChoice stateBackend) {
    Configuration conf = new Configuration();
    stateBackend.applyTo(conf);
    if (stateBackend == StateBackendChoice.ROCKSDB) {
      Path parent = checkpointDir.toAbsolutePath().getParent();
      conf.set(RocksDBOptions.LOCAL_DIRECTORIES, parent.resolve("rocksdb").toString());
    }
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toAbsolutePath().toUri().toString());
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (resumeFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, resumeFrom.toAbsolutePath().toUri().toString());
      // The new job owns the restored checkpoint and deletes it once a newer one completes, so
      // the state directory keeps one checkpoint rather than one per run.
      conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
      // After an upgrade, state of an operator the job no longer has (or whose state changed form
      // under a new uid) is left behind rather than failing the resume; docs/operations.md, "Upgrading".
      conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
    }
    // Accumulators (a backfill's progress) reach the client with the heartbeats: every 2 s, not 10.
    conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(2));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    env.enableCheckpointing(checkpointInterval.toMillis());
    return env;
  }
}
