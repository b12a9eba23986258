package org.kooch.streaming.samecontent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;
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
    assertThat(log.toByteArray()).isEqualTo(expected.getCopyOfBuffer());

    DataInputDeserializer in = new DataInputDeserializer(log.toByteArray());
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

  /**
   * A sync stores the chunks written since the last one and removes those let go; the stored
   * chunks, one after the other, are the log's entries (and those before the first chunk's start).
   */
  @Test
  void storesOnlyWhatChangedSinceTheLastSync() throws Exception {
    EntryLog log = new EntryLog();
    RecordingStore store = new RecordingStore();
    for (int i = 0; i < 1_500; i++) { // two full chunks and an open one
      log.append(i, post(i, "کانال_" + i, T0 + i));
    }
    log.syncTo(store);
    assertThat(store.chunks.keySet()).containsExactly(0L, 1L, 2L);
    assertThat(store.concatenated()).isEqualTo(log.toByteArray());
    assertThat(store.puts).isEqualTo(3);

    log.syncTo(store);
    assertThat(store.puts).as("nothing changed, nothing stored").isEqualTo(3);

    for (int i = 1_500; i < 1_510; i++) {
      log.append(i, post(i, "کانال_" + i, T0 + i));
    }
    log.syncTo(store);
    assertThat(store.puts).as("only the open chunk again").isEqualTo(4);
    assertThat(store.concatenated()).isEqualTo(log.toByteArray());

    log.dropBefore(T0 + 1_000); // lets chunk 0 go, and part of chunk 1
    log.syncTo(store);
    assertThat(store.chunks.keySet()).doesNotContain(0L).contains(1L, 2L);
    assertThat(store.concatenated()).endsWith(log.toByteArray());

    log.clear();
    log.append(1, post(1, "c", T0 + 2_000));
    log.syncTo(store);
    assertThat(store.chunks).hasSize(1);
    assertThat(store.concatenated()).isEqualTo(log.toByteArray());
  }

  /** A log restored from its stored chunks holds what it held, and stores nothing again until it changes. */
  @Test
  void aRestoredLogHoldsItsChunksAndStoresOnlyWhatFollows() throws Exception {
    EntryLog log = new EntryLog();
    RecordingStore store = new RecordingStore();
    for (int i = 0; i < 1_500; i++) {
      log.append(i, post(i, "c" + i, T0 + i));
    }
    log.dropBefore(T0 + 700); // the stored chunks start with chunk 1
    log.syncTo(store);

    EntryLog restored = new EntryLog();
    RecordingStore again = new RecordingStore();
    again.chunks.putAll(store.chunks);
    for (Map.Entry<Long, byte[]> chunk : store.chunks.entrySet()) {
      restored.restore(chunk.getKey(), chunk.getValue(), entries(chunk.getValue()));
    }
    assertThat(restored.toByteArray()).isEqualTo(store.concatenated());
    restored.dropBefore(T0 + 700);
    assertThat(restored.toByteArray()).isEqualTo(log.toByteArray());
    assertThat(restored.entries()).isEqualTo(log.entries());
    restored.syncTo(again);
    assertThat(again.puts).isZero();
    assertThat(again.removes).isZero();

    restored.append(7, post(7, "c", T0 + 5_000));
    restored.syncTo(again);
    assertThat(again.puts).isEqualTo(1);
    assertThat(again.chunks.lastKey()).isGreaterThan(store.chunks.lastKey());
    assertThat(again.concatenated()).endsWith(restored.toByteArray());
  }

  private static int entries(byte[] chunk) throws Exception {
    DataInputDeserializer in = new DataInputDeserializer(chunk);
    int n = 0;
    for (; in.available() > 0; n++) {
      SameContentStateFormat.readEntry(in);
    }
    return n;
  }

  /** A store that keeps the chunks in memory and counts what it is asked. */
  private static final class RecordingStore implements EntryLog.ChunkStore {
    final TreeMap<Long, byte[]> chunks = new TreeMap<>();
    int puts;
    int removes;

    @Override
    public void put(long number, byte[] chunk) {
      chunks.put(number, chunk);
      puts++;
    }

    @Override
    public void remove(long number) {
      assertThat(chunks.remove(number)).as("chunk %d was stored", number).isNotNull();
      removes++;
    }

    byte[] concatenated() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.values().forEach(c -> out.write(c, 0, c.length));
      return out.toByteArray();
    }
  }

  private static PostSignature post(long id, String channel, long publishedAt) {
    long[] sig = new long[MinHasher.PACKED];
    sig[0] = id;
    return new PostSignature(0, "soroush", channel, id, publishedAt, sig);
  }
}
