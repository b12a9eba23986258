package org.kooch.streaming.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.kooch.schemas.Post;
import org.kooch.streaming.landing.RawTableRows;
import org.kooch.streaming.clickhouse.RowBinaryBatch;
import org.kooch.streaming.clickhouse.RowEncoder;
import org.kooch.streaming.kafka.RawRecord;

/**
 * Whatever is on the topics, the decoder hands each record to exactly one output, never throws,
 * and what it lets through can be written by the ClickHouse sinks: a record either lands or is a
 * dead letter, and no record can stop the job.
 */
class DecodeProperties {
  @Provide
  Arbitrary<RawRecord> records() {
    return HostileRecords.raw("hostile", 7);
  }

  @Property(tries = 400)
  void eachRecordHasExactlyOneOutcomeAndWhatPassesCanBeWritten(@ForAll("records") RawRecord raw) throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, Post> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeRecords())) {
      h.processElement(raw, 0);
      List<Post> posts = h.extractOutputValues();
      int outcomes = posts.size() + count(h, DecodeRecords.SUBSCRIBERS) + count(h, DecodeRecords.PROFILES)
          + count(h, DecodeRecords.PLATFORM_STATS) + count(h, DecodeRecords.DEAD_LETTERS);
      assertThat(outcomes).isEqualTo(1);
      net.jqwik.api.statistics.Statistics.collect(count(h, DecodeRecords.DEAD_LETTERS) == 1 ? "dead letter" : "landed");
      posts.forEach(p -> encodes(RawTableRows.POSTS, p));
      values(h, DecodeRecords.SUBSCRIBERS).forEach(s -> encodes(RawTableRows.SUBSCRIBER_SNAPSHOTS, s));
      values(h, DecodeRecords.PROFILES).forEach(p -> encodes(RawTableRows.CHANNEL_PROFILES, p));
      values(h, DecodeRecords.PLATFORM_STATS).forEach(p -> encodes(RawTableRows.PLATFORM_STATS, p));
      values(h, DecodeRecords.DEAD_LETTERS).forEach(d -> assertThat(d.getRaw().remaining()).isLessThanOrEqualTo(64 * 1024));
    }
  }

  private static <T> void encodes(RowEncoder<T> encoder, T value) {
    try {
      new RowBinaryBatch<>(encoder).add(value);
    } catch (Exception e) {
      throw new AssertionError("the sink could not write " + value + ": " + e, e);
    }
  }

  private static <T> List<T> values(OneInputStreamOperatorTestHarness<RawRecord, Post> h, org.apache.flink.util.OutputTag<T> tag) {
    var out = h.getSideOutput(tag);
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }

  private static int count(OneInputStreamOperatorTestHarness<RawRecord, Post> h, org.apache.flink.util.OutputTag<?> tag) {
    var out = h.getSideOutput(tag);
    return out == null ? 0 : out.size();
  }
}
