package org.kooch.streaming.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.kafka.RawRecord;

class DecodeRecordsTest {
  private final JsonLinesCodec codec = new JsonLinesCodec();

  @Test
  void routesEachTopicToItsOutputAndBadBytesToDeadLetters() throws Exception {
    Post post =
        (Post) codec.decode("{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"a_b_c\",\"postId\":1,"
            + "\"publishedAt\":\"2018-04-18T00:00:00Z\",\"text\":\"سلام 🌹\",\"source\":\"t\"}");
    SubscriberCount count =
        (SubscriberCount) codec.decode("{\"type\":\"subscribers\",\"platform\":\"gap\",\"channel\":\"a_b_c\","
            + "\"observedAt\":\"2018-04-18T00:00:00Z\",\"subscribers\":5}");
    try (OneInputStreamOperatorTestHarness<RawRecord, Post> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeRecords())) {
      h.processElement(raw(RecordType.POST.topic(), 0, RecordType.POST.encode(post)), 0);
      h.processElement(raw(RecordType.SUBSCRIBERS.topic(), 1, RecordType.SUBSCRIBERS.encode(count)), 0);
      h.processElement(raw(RecordType.SUBSCRIBERS.topic(), 2, "garbage".getBytes(StandardCharsets.UTF_8)), 0);
      // a post's bytes on the subscribers topic: the fingerprint does not match
      h.processElement(raw(RecordType.SUBSCRIBERS.topic(), 3, RecordType.POST.encode(post)), 0);

      assertThat(h.extractOutputValues()).containsExactly(post);
      assertThat(h.getSideOutput(DecodeRecords.SUBSCRIBERS)).extracting(StreamRecord::getValue).containsExactly(count);
      List<DeadLetter> dead = h.getSideOutput(DecodeRecords.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
      assertThat(dead).hasSize(2);
      assertThat(dead.get(0).getLocation()).isEqualTo("kooch.subscribers.v1-0@2");
      assertThat(dead.get(0).getReason()).contains("not a subscribers record");
      assertThat(new String(dead.get(0).getRaw().array(), StandardCharsets.UTF_8)).isEqualTo("garbage");
      assertThat(dead.get(1).getFailedAt()).isBeforeOrEqualTo(Instant.now());
    }
  }

  private static RawRecord raw(String topic, long offset, byte[] value) {
    return new RawRecord(topic, 0, offset, null, value);
  }
}
