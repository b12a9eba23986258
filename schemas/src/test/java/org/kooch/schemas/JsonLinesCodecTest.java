package org.kooch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class JsonLinesCodecTest {
  private final JsonLinesCodec codec = new JsonLinesCodec();

  @Test
  void decodesPostWithPersianTextForwardAndLinks() {
    String line =
        "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"@Khamenei_IR\",\"postId\":30774,"
            + "\"publishedAt\":\"2018-04-18T06:30:00Z\",\"collectedAt\":\"2018-04-18T07:00:00Z\","
            + "\"text\":\"کانال رسمی در سروش\u200cپلاس 🌹 sapp.ir/khamenei_ir\",\"views\":1200000,\"forwards\":null,"
            + "\"forwardedFrom\":{\"platform\":\"telegram\",\"channel\":\"leader_ir\",\"postId\":5521},"
            + "\"links\":[\"https://sapp.ir/khamenei_ir\"],\"source\":\"telegram-web\"}";
    Post post = (Post) codec.decode(line);
    assertThat(post.getChannel()).isEqualTo("khamenei_ir");
    assertThat(post.getPublishedAt()).isEqualTo(Instant.parse("2018-04-18T06:30:00Z"));
    assertThat(post.getText()).isEqualTo("کانال رسمی در سروش\u200cپلاس 🌹 sapp.ir/khamenei_ir");
    assertThat(post.getViews()).isEqualTo(1_200_000L);
    assertThat(post.getForwards()).isNull();
    assertThat(post.getForwardedFrom().getChannel()).isEqualTo("leader_ir");
    assertThat(post.getLinks()).containsExactly("https://sapp.ir/khamenei_ir");
  }

  @Test
  void roundTripsEveryRecordTypeThroughJsonAndAvro() {
    String[] lines = {
      "{\"type\":\"subscribers\",\"platform\":\"soroush\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-19T00:00:00Z\",\"subscribers\":1200000,\"source\":\"sim\"}",
      "{\"type\":\"profile\",\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-19T00:00:00Z\",\"title\":\"KHAMENEI.IR\",\"description\":\"خامنه‌ای\",\"links\":[\"https://sapp.ir/khamenei_ir\"],\"source\":\"sim\"}",
      "{\"type\":\"platform\",\"platform\":\"soroush\",\"observedAt\":\"2018-04-18T00:00:00Z\",\"reportedUsers\":5000000,\"source\":\"AFP, 2018-04-18\"}"
    };
    for (String line : lines) {
      SpecificRecord record = codec.decode(line);
      assertThat(codec.decode(codec.encode(record))).isEqualTo(record);
      RecordType type = RecordType.of(record);
      assertThat(type.decode(type.encode(record))).isEqualTo(record);
    }
  }

  @Test
  void acceptsOffsetTimestampsAndStoresUtc() {
    SubscriberCount s =
        (SubscriberCount)
            codec.decode(
                "{\"type\":\"subscribers\",\"platform\":\"gap\",\"channel\":\"x_news\",\"observedAt\":\"2018-04-19T04:30:00+04:30\",\"subscribers\":5}");
    assertThat(s.getObservedAt()).isEqualTo(Instant.parse("2018-04-19T00:00:00Z"));
  }

  @Test
  void refusesContractViolationsWithAReason() {
    assertThatThrownBy(() -> codec.decode("{not json")).hasMessageStartingWith("not valid JSON");
    assertThatThrownBy(() -> codec.decode("[1]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> codec.decode("{\"type\":\"tweet\"}")).hasMessageContaining("unknown type 'tweet'");
    assertThatThrownBy(
            () -> codec.decode("{\"type\":\"subscribers\",\"platform\":\"myspace\",\"channel\":\"a\",\"observedAt\":\"2018-04-19T00:00:00Z\",\"subscribers\":1}"))
        .hasMessageContaining("unknown platform 'myspace'");
    assertThatThrownBy(
            () -> codec.decode("{\"type\":\"subscribers\",\"platform\":\"gap\",\"channel\":\"a\",\"observedAt\":\"yesterday\",\"subscribers\":1}"))
        .hasMessageContaining("'observedAt' is not an ISO-8601 timestamp");
    assertThatThrownBy(
            () -> codec.decode("{\"type\":\"subscribers\",\"platform\":\"gap\",\"channel\":\"a\",\"observedAt\":\"2018-04-19T00:00:00Z\",\"subscribers\":-3}"))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(
            () -> codec.decode("{\"type\":\"subscribers\",\"platform\":\"gap\",\"channel\":\"a\",\"observedAt\":\"2018-04-19T00:00:00Z\",\"subscribers\":\"1.6M\"}"))
        .hasMessageContaining("'subscribers' must be an integer");
    assertThatThrownBy(
            () -> codec.decode("{\"type\":\"subscribers\",\"platform\":\"gap\",\"observedAt\":\"2018-04-19T00:00:00Z\",\"subscribers\":1}"))
        .hasMessage("field 'channel' is missing");
  }

  @Test
  void corruptAvroBytesAreInvalidRecords() {
    assertThatThrownBy(() -> RecordType.POST.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(InvalidRecordException.class);
  }
}
