package org.kooch.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;

/** Event time read from a Kafka record's bytes, as the source's per-partition watermarks use it. */
class RecordEventTimeTest {
  private final JsonLinesCodec codec = new JsonLinesCodec();
  private final RecordEventTime eventTime = new RecordEventTime();

  @Test
  void eachRecordTypeHasItsEventTime() {
    assertThat(time(codec.decode("{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"a_b_c\",\"postId\":1,"
        + "\"publishedAt\":\"2018-04-18T06:30:00Z\",\"collectedAt\":\"2018-04-19T08:00:00Z\",\"text\":\"سلام\",\"source\":\"t\"}")))
        .isEqualTo(Instant.parse("2018-04-18T06:30:00Z").toEpochMilli());
    assertThat(time(codec.decode("{\"type\":\"subscribers\",\"platform\":\"gap\",\"channel\":\"a_b_c\","
        + "\"observedAt\":\"2018-04-20T10:00:00Z\",\"subscribers\":5}")))
        .isEqualTo(Instant.parse("2018-04-20T10:00:00Z").toEpochMilli());
    assertThat(time(codec.decode("{\"type\":\"profile\",\"platform\":\"eitaa\",\"channel\":\"a_b_c\","
        + "\"observedAt\":\"2018-04-21T12:00:00Z\",\"title\":\"T\",\"links\":[]}")))
        .isEqualTo(Instant.parse("2018-04-21T12:00:00Z").toEpochMilli());
    assertThat(time(codec.decode("{\"type\":\"platform\",\"platform\":\"soroush\",\"observedAt\":\"2018-04-18T00:00:00Z\","
        + "\"reportedUsers\":5000000,\"source\":\"AFP\"}")))
        .isEqualTo(Instant.parse("2018-04-18T00:00:00Z").toEpochMilli());
  }

  @Test
  void badBytesNeverMoveTheWatermark() {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    for (RawRecord r : List.of(
        new RawRecord(RecordType.SUBSCRIBERS.topic(), 0, 1, null, garbage),
        new RawRecord(RecordType.SUBSCRIBERS.topic(), 0, 2, null, null),
        new RawRecord("some.other.topic", 0, 3, null, garbage))) {
      assertThat(eventTime.extractTimestamp(r, 42)).isEqualTo(Long.MIN_VALUE);
    }
  }

  @Test
  void timesOutsideTheContractNeverMoveTheWatermark() {
    // A post of the year 3000 would otherwise close every real day as soon as it was read.
    for (String at : List.of("3000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
      Post p = Post.newBuilder().setPlatform("telegram").setChannel("a_b_c").setPostId(1L).setPublishedAt(Instant.parse(at))
          .setCollectedAt(Instant.parse("2018-04-18T00:00:00Z")).setText("").setLinks(List.of()).setSource("t").build();
      assertThat(time(p)).as(at).isEqualTo(Long.MIN_VALUE);
    }
  }

  private long time(SpecificRecord record) {
    RecordType type = RecordType.of(record);
    return eventTime.extractTimestamp(new RawRecord(type.topic(), 0, 0, null, type.encode(record)), 42);
  }
}
