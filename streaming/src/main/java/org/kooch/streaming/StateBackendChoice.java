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

  /**
   * Heap a bounded run's keyed state takes per record read, on the heap backend: a backfill keeps
   * every day open to the end of its input, so its state grows with the input (each post's views
   * for {@code channel_daily} and {@code channel_attention}, each count for the day ends; measured
   * in docs/performance.md, "State off the heap").
   */
  public static final long HEAP_BYTES_PER_RECORD = 128;

  private final String flinkName;

  StateBackendChoice(String flinkName) {
    this.flinkName = flinkName;
  }

  /** The name Flink's {@code state.backend.type} and the command lines use. */
  public String flinkName() {
    return flinkName;
  }

  /** {@link #defaultFor(boolean, long, long)} for this JVM's maximum heap (a local MiniCluster's). */
  public static StateBackendChoice defaultFor(boolean bounded, long backlog) {
    return defaultFor(bounded, backlog, Runtime.getRuntime().maxMemory());
  }

  /**
   * The state backend when none is given. RocksDB for a streaming run: its state grows over the
   * deployment's life with the channels and the days they have history for, not with the heap,
   * and its checkpoints every 10 s upload only what changed. The heap for a bounded run whose
   * state ({@link #HEAP_BYTES_PER_RECORD} a record) fits in half of {@code maxHeap}: reading state
   * as objects is several times faster than RocksDB's deserializing reads; RocksDB above that, or
   * when the backlog is not known (the job jar on a cluster).
   *
   * @param backlog records a bounded run will read, or a negative number when not known
   * @param maxHeap the heap the job's state shares, in bytes
   */
  public static StateBackendChoice defaultFor(boolean bounded, long backlog, long maxHeap) {
    if (!bounded || backlog < 0 || backlog > maxHeap / 2 / HEAP_BYTES_PER_RECORD) {
      return ROCKSDB;
    }
    return HASHMAP;
  }

  /**
   * Flink's option for RocksDB's compression per level, which Kooch sets to none unless it is
   * configured: most of the job's RocksDB bytes are the same-content detector's log chunks, hash
   * signatures that do not compress, and compressing them at every flush and compaction took a
   * sixth of the 2 cores in the freshness benchmark (docs/performance.md, "Freshness").
   */
  public static final String ROCKSDB_COMPRESSION = "state.backend.rocksdb.compression.per.level";

  /**
   * Sets this backend in {@code conf}, with incremental checkpoints for RocksDB and, unless
   * {@code conf} has one, no compression ({@link #ROCKSDB_COMPRESSION}).
   */
  public void applyTo(Configuration conf) {
    conf.set(StateBackendOptions.STATE_BACKEND, flinkName);
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, this == ROCKSDB);
    if (this == ROCKSDB && !conf.containsKey(ROCKSDB_COMPRESSION)) {
      conf.setString(ROCKSDB_COMPRESSION, "NO_COMPRESSION");
    }
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
