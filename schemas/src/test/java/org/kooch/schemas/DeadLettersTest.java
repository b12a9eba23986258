package org.kooch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  @Test
  void aLargeInputKeepsItsFirstBytesAndItsSizeSoTheDeadLetterFitsInKafka() {
    byte[] huge = new byte[2_000_154];
    Arrays.fill(huge, (byte) 'x');
    DeadLetter d = DeadLetters.of(RefusalKind.TOO_LARGE, "import:a.jsonl", "a.jsonl:7", "line is too long", huge);
    assertThat(d.getRaw().remaining()).isEqualTo(DeadLetters.RAW_PREFIX_BYTES);
    assertThat(d.getRawSize()).isEqualTo(2_000_154);
    assertThat(DeadLetters.isCut(d)).isTrue();
    assertThat(DeadLetters.encode(d).length).isLessThan(RecordContract.MAX_RECORD_BYTES);
    assertThat(d.getKind()).isEqualTo("too-large");

    DeadLetter whole = DeadLetters.of(RefusalKind.MALFORMED, "s", "l", "r", "{broken".getBytes(StandardCharsets.UTF_8));
    assertThat(DeadLetters.isCut(whole)).isFalse();
    assertThat(DeadLetters.decode(DeadLetters.encode(whole))).isEqualTo(whole);
  }

  @Test
  void longReasonsAreCutButNeverHalfAnEmoji() {
    String reason = "invalid channel handle '" + "🌹".repeat(5_000) + "'";
    DeadLetter d = DeadLetters.of(RefusalKind.CONTRACT, "s", "l", reason, new byte[0]);
    assertThat(d.getReason().length()).isLessThanOrEqualTo(DeadLetters.MAX_REASON_CHARS + 1);
    assertThat(d.getReason()).endsWith("🌹…");
  }

  @Test
  void deadLettersWrittenBeforeKindAndSizeExistedStillDecode() throws IOException {
    Schema v1;
    try (InputStream in = DeadLetters.class.getResourceAsStream("history/DeadLetter-v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v1);
    old.put("failedAt", 1_524_000_000_000L);
    old.put("source", "import:old.jsonl");
    old.put("location", "old.jsonl:3");
    old.put("reason", "not valid JSON");
    old.put("raw", ByteBuffer.wrap("{x".getBytes(StandardCharsets.UTF_8)));
    ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);

    DeadLetter d = DeadLetters.decode(array);
    assertThat(d.getLocation()).isEqualTo("old.jsonl:3");
    assertThat(d.getKind()).isEqualTo("contract");
    assertThat(d.getRawSize()).isEqualTo(-1);
    assertThat(DeadLetters.isCut(d)).isFalse();
  }
}
