package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

class StateBackendChoiceTest {
  @Test
  void streamingAndLargeOrUnknownBackfillsKeepStateInRocksDb() {
    assertThat(StateBackendChoice.defaultFor(false, -1)).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.defaultFor(false, 10)).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.defaultFor(true, -1)).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.defaultFor(true, StateBackendChoice.ROCKSDB_BACKLOG + 1)).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.defaultFor(true, StateBackendChoice.ROCKSDB_BACKLOG)).isEqualTo(StateBackendChoice.HASHMAP);
    assertThat(StateBackendChoice.defaultFor(true, 5_000_000)).isEqualTo(StateBackendChoice.HASHMAP);
  }

  @Test
  void rocksDbCheckpointsIncrementally() {
    Configuration rocks = new Configuration();
    StateBackendChoice.ROCKSDB.applyTo(rocks);
    assertThat(rocks.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(rocks.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    Configuration heap = new Configuration();
    StateBackendChoice.HASHMAP.applyTo(heap);
    assertThat(heap.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(heap.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
  }

  @Test
  void parsesTheNamesFlinkUses() {
    assertThat(StateBackendChoice.parse(" RocksDB ")).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(StateBackendChoice.parse("hashmap")).isEqualTo(StateBackendChoice.HASHMAP);
    assertThatThrownBy(() -> StateBackendChoice.parse("forst")).hasMessageContaining("use hashmap or rocksdb");
  }
}
