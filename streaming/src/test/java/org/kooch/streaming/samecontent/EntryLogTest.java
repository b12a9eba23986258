package org.kooch.streaming.samecontent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EntryLogTest {
  private static final long T0 = 1_524_000_000_000L;

  /** The log holds exactly what writing each entry would have written, in order. */
  @Test
  void holdsTheEntriesAsACheckpointWritesThem() throws Exception {
    EntryLog log = new EntryLog();
    DataOutputSerializer expected = new DataOutputSerializer(1024);
    for (int i = 0; i < 2_000; i++) { // over three chunks
      PostSignature p = post(i, "خبرگزاری_" + i, T0 + i);
      log.append(-i * 7919L, p);
      SameContentStateFormat.writeEntry(expected, -i * 7919L, p);
    }
    assertThat(log.entries()).isEqualTo(2_000);
    assertThat(log.bytes()).isGreaterThan(3L * EntryLog.CHUNK);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    log.writeTo(written);
    assertThat(written.toByteArray()).isEqualTo(expected.getCopyOfBuffer()).isEqualTo(log.toByteArray());

    DataInputDeserializer in = new DataInputDeserializer(written.toByteArray());
    PostSignature third = null;
    for (int i = 0; i < 3; i++) {
      third = SameContentStateFormat.readEntry(in);
    }
    assertThat(third.bucket).isEqualTo(-2 * 7919L);
    assertThat(third.channel()).isEqualTo("خبرگزاری_2");
    assertThat(third.publishedAt).isEqualTo(T0 + 2);
  }

  /** The sweep drops from the front up to the first entry at or after the horizon, not past it. */
  @Test
  void dropsTheOldEntriesAtTheFrontOnly() throws Exception {
    EntryLog log = new EntryLog();
    List<Long> kept = new ArrayList<>();
    long[] times = {T0, T0 + 1, T0 + 5, T0 + 2, T0 + 9};
    for (int i = 0; i < times.length; i++) {
      log.append(i, post(i, "c" + i, times[i]));
    }
    log.dropBefore(T0 + 3);
    assertThat(log.entries()).isEqualTo(3); // T0 + 2 stays behind T0 + 5: the buckets decide, a restore drops it
    DataInputDeserializer in = new DataInputDeserializer(log.toByteArray());
    for (int i = 0; i < 3; i++) {
      kept.add(SameContentStateFormat.readEntry(in).publishedAt);
    }
    assertThat(kept).containsExactly(T0 + 5, T0 + 2, T0 + 9);

    // Appending after a drop reuses the front; dropping everything empties it.
    for (int i = 0; i < 2_000; i++) {
      log.append(i, post(i, "c", T0 + 10 + i));
    }
    assertThat(log.entries()).isEqualTo(2_003);
    byte[] before = log.toByteArray();
    log.dropBefore(T0 + 1_010); // mid-chunk: the entries after it stay as they were written
    assertThat(log.entries()).isEqualTo(1_000);
    assertThat(log.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(before, before.length - (int) log.bytes(), before.length));
    assertThat(SameContentStateFormat.readEntry(new DataInputDeserializer(log.toByteArray())).publishedAt).isEqualTo(T0 + 1_010);
    log.dropBefore(T0 + 2_010);
    assertThat(log.entries()).isZero();
    assertThat(log.bytes()).isZero();
  }

  private static PostSignature post(long id, String channel, long publishedAt) {
    long[] sig = new long[MinHasher.PACKED];
    sig[0] = id;
    return new PostSignature(0, "soroush", channel, id, publishedAt, sig);
  }
}
