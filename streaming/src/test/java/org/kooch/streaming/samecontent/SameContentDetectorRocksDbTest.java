package org.kooch.streaming.samecontent;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;

/**
 * Every test of {@link SameContentDetectorTest} with the RocksDB state backend (incremental
 * checkpoints): the detector keeps its buckets on the heap and its log chunks in RocksDB's keyed
 * state, which a checkpoint uploads incrementally and a restore reads back.
 */
class SameContentDetectorRocksDbTest extends SameContentDetectorTest {
  @Override
  StateBackend backend() {
    return new EmbeddedRocksDBStateBackend(true);
  }
}
