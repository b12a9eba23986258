package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

class StateBackendChoiceTest {
  private static final long GB = 1L << 30;

  @Test
  void streamingAndUnknownBackfillsKeepStateInRocksDb() {
    assertThat(StateBackendChoice.defaultFor(false, -1, 64 * GB)).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.defaultFor(false, 10, 64 * GB)).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.defaultFor(true, -1, 64 * GB)).isEqualTo(StateBackendChoice.ROCKSDB);
  }

  /** A backfill's state grows with its input: on the heap while it fits in half of it. */
  @Test
  void backfillsKeepStateOnTheHeapWhileItFitsInHalfOfIt() {
    long fitsIn2g = GB / StateBackendChoice.HEAP_BYTES_PER_RECORD; // 8,388,608 records
    assertThat(StateBackendChoice.defaultFor(true, fitsIn2g, 2 * GB)).isEqualTo(StateBackendChoice.HASHMAP);
    assertThat(StateBackendChoice.defaultFor(true, fitsIn2g + 1, 2 * GB)).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.defaultFor(true, 20_000_000, 8 * GB)).isEqualTo(StateBackendChoice.HASHMAP);
    assertThat(StateBackendChoice.defaultFor(true, 50_000_000, 8 * GB)).isEqualTo(StateBackendChoice.ROCKSDB);
  }

  @Test
  void rocksDbCheckpointsIncrementally() {
    Configuration rocks = new Configuration();
    StateBackendChoice.ROCKSDB.applyTo(rocks);
    assertThat(rocks.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(rocks.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    assertThat(rocks.getString(StateBackendChoice.ROCKSDB_COMPRESSION, null)).isEqualTo("NO_COMPRESSION");
    Configuration heap = new Configuration();
    StateBackendChoice.HASHMAP.applyTo(heap);
    assertThat(heap.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(heap.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
    assertThat(heap.containsKey(StateBackendChoice.ROCKSDB_COMPRESSION)).isFalse();
  }

  /** An operator's own RocksDB compression stays as configured. */
  @Test
  void aConfiguredRocksDbCompressionIsKept() {
    Configuration conf = new Configuration();
    conf.setString(StateBackendChoice.ROCKSDB_COMPRESSION, "LZ4_COMPRESSION");
    StateBackendChoice.ROCKSDB.applyTo(conf);
    assertThat(conf.getString(StateBackendChoice.ROCKSDB_COMPRESSION, null)).isEqualTo("LZ4_COMPRESSION");
  }

  @Test
  void parsesTheNamesFlinkUses() {
    assertThat(StateBackendChoice.parse(" RocksDB ")).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.parse("hashmap")).isEqualTo(StateBackendChoice.HASHMAP);
    assertThatThrownBy(() -> StateBackendChoice.parse("forst")).hasMessageContaining("use hashmap or rocksdb");
  }
}
