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

  /**
   * Anyone may produce to Kafka: records the importers would refuse, encoded by another producer,
   * are dead letters here and never reach a sink (a post of 1969, which ClickHouse's DateTime cannot
   * hold, would fail the job).
   */
  @Test
  void recordsThatBreakTheContractAreDeadLettersWithTheirBytes() throws Exception {
    Post good = post(1, Instant.parse("2018-04-18T00:00:00Z"), "خوب");
    Post beforeEpoch = post(2, Instant.parse("1969-12-31T23:59:59Z"), "old");
    Post future = post(3, Instant.parse("3000-01-01T00:00:00Z"), "future");
    Post huge = post(4, Instant.parse("2018-04-18T00:00:00Z"), "ب".repeat(200_000));
    SubscriberCount negative = SubscriberCount.newBuilder().setPlatform("gap").setChannel("a_b_c")
        .setObservedAt(Instant.parse("2018-04-18T00:00:00Z")).setSubscribers(-1L).setSource("t").build();
    try (OneInputStreamOperatorTestHarness<RawRecord, Post> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeRecords())) {
      h.processElement(raw(RecordType.POST.topic(), 10, RecordType.POST.encode(beforeEpoch)), 0);
      h.processElement(raw(RecordType.POST.topic(), 11, RecordType.POST.encode(future)), 0);
      h.processElement(raw(RecordType.POST.topic(), 12, RecordType.POST.encode(huge)), 0);
      h.processElement(raw(RecordType.SUBSCRIBERS.topic(), 13, RecordType.SUBSCRIBERS.encode(negative)), 0);
      h.processElement(raw(RecordType.POST.topic(), 14, RecordType.POST.encode(good)), 0);
      h.processElement(raw(RecordType.POST.topic(), 15, null), 0);

      assertThat(h.extractOutputValues()).containsExactly(good);
      assertThat(h.getSideOutput(DecodeRecords.SUBSCRIBERS)).isNullOrEmpty();
      List<DeadLetter> dead = h.getSideOutput(DecodeRecords.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
      assertThat(dead).extracting(DeadLetter::getLocation).containsExactly(
          "kooch.posts.v1-0@10", "kooch.posts.v1-0@11", "kooch.posts.v1-0@12", "kooch.subscribers.v1-0@13", "kooch.posts.v1-0@15");
      assertThat(dead).extracting(DeadLetter::getKind).containsExactly("out-of-range", "out-of-range", "too-large", "out-of-range", "contract");
      assertThat(dead.get(0).getReason()).startsWith("field 'publishedAt' is 1969-12-31T23:59:59Z, outside");
      assertThat(dead.get(0).getRaw().array()).isEqualTo(RecordType.POST.encode(beforeEpoch));
      assertThat(dead.get(2).getRawSize()).isEqualTo(RecordType.POST.encode(huge).length);
    }
  }

  private static Post post(long id, Instant published, String text) {
    return Post.newBuilder().setPlatform("telegram").setChannel("a_b_c").setPostId(id).setPublishedAt(published)
        .setCollectedAt(Instant.parse("2018-04-20T00:00:00Z")).setText(text).setLinks(List.of()).setSource("t").build();
  }

  private static RawRecord raw(String topic, long offset, byte[] value) {
    return new RawRecord(topic, 0, offset, null, value);
  }
}
