package org.kooch.streaming.attention;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;

/** Every test of {@link ChannelAttentionAggregatorTest}, with keyed state and timers in RocksDB (incremental checkpoints). */
class ChannelAttentionAggregatorRocksDbTest extends ChannelAttentionAggregatorTest {
  @Override
  StateBackend backend() {
    return new EmbeddedRocksDBStateBackend(true);
  }
}
