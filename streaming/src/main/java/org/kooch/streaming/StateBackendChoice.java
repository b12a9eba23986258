package org.kooch.streaming;

import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * Where the job's keyed state lives: {@link #HASHMAP} on the JVM's heap, or {@link #ROCKSDB} in
 * RocksDB on local disk (off the heap, with incremental checkpoints: a checkpoint uploads the
 * files written since the previous one, not the whole state).
 *
 * <p>What stays on the heap with RocksDB: the same-content detector's buckets (its raw keyed
 * state, bounded by its window of a day and a half; see {@code SameContentDetector}), the
 * first-sighting filters' in-memory maps (not checkpointed, at most 1,000,000 channels a subtask)
 * and the sinks' batches. Every other operator's state, and the event-time and processing-time
 * timers, are in RocksDB.
 */
public enum StateBackendChoice {
  /** Keyed state as objects on the heap: fastest to read and write, bounded by the heap. */
  HASHMAP("hashmap"),
  /** Keyed state serialized in RocksDB off the heap: bounded by the disk, incremental checkpoints. */
  ROCKSDB("rocksdb");

  /** A bounded run with more records than this in Kafka keeps its state in RocksDB (see {@link #defaultFor}). */
  public static final long ROCKSDB_BACKLOG = 20_000_000L;

  private final String flinkName;

  StateBackendChoice(String flinkName) {
    this.flinkName = flinkName;
  }

  /** The name Flink's {@code state.backend.type} and the command lines use. */
  public String flinkName() {
    return flinkName;
  }

  /**
   * The state backend when none is given: RocksDB for a streaming run (its state grows with the
   * channels and the allowed lateness, not the heap, and its checkpoints every 10 s copy only
   * what changed), and for a bounded run above {@link #ROCKSDB_BACKLOG} records or of unknown
   * size; the heap for smaller backfills, where every day stays open to the end of the input and
   * reading state as objects is fastest (docs/performance.md).
   *
   * @param backlog records a bounded run will read, or a negative number when not known
   */
  public static StateBackendChoice defaultFor(boolean bounded, long backlog) {
    if (!bounded || backlog < 0 || backlog > ROCKSDB_BACKLOG) {
      return ROCKSDB;
    }
    return HASHMAP;
  }

  /** Sets this backend in {@code conf}, with incremental checkpoints for RocksDB. */
  public void applyTo(Configuration conf) {
    conf.set(StateBackendOptions.STATE_BACKEND, flinkName);
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, this == ROCKSDB);
  }

  /** {@code hashmap} or {@code rocksdb}, case-insensitive. */
  public static StateBackendChoice parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (StateBackendChoice c : values()) {
      if (c.flinkName.equals(t)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown state backend '" + text + "' (use hashmap or rocksdb)");
  }
}
