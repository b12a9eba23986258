package org.kooch.streaming.daily;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;

/** Every test of {@link ChannelDailyAggregatorTest}, with keyed state and timers in RocksDB (incremental checkpoints). */
class ChannelDailyAggregatorRocksDbTest extends ChannelDailyAggregatorTest {
  @Override
  StateBackend backend() {
    return new EmbeddedRocksDBStateBackend(true);
  }
}
