package org.kooch.streaming.samecontent;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;

/**
 * Every test of {@link SameContentDetectorTest} with the RocksDB state backend (incremental
 * checkpoints): the detector's buckets stay its own raw keyed state on the heap, which a RocksDB
 * checkpoint carries beside RocksDB's files, and restores from.
 */
class SameContentDetectorRocksDbTest extends SameContentDetectorTest {
  @Override
  StateBackend backend() {
    return new EmbeddedRocksDBStateBackend(true);
  }
}
