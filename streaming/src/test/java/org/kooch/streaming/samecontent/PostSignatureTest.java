package org.kooch.streaming.samecontent;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class PostSignatureTest {
  private static final String CHANNEL = "خبر‌فوری_😀\u0000";
  private static final long[] SIGNATURE = {1, -2, 3, Long.MIN_VALUE, 5, 6, 7, Long.MAX_VALUE};

  @Test
  void roundTripsPersianTextZwnjEmojiAndNul() throws Exception {
    PostSignature p = new PostSignature(0, "soroush", CHANNEL, 12, 1_524_000_000_000L, SIGNATURE).inBuckets(new long[] {-9, 4, 8});
    DataOutputSerializer out = new DataOutputSerializer(64);
    p.write(out);

    PostSignature read = new PostSignature();
    read.read(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(read.channel()).isEqualTo(CHANNEL);
    assertThat(read.platform()).isEqualTo("soroush");
    assertThat(read.bucket).isEqualTo(-9);
    assertThat(read.buckets).containsExactly(-9, 4, 8);
    assertThat(read.postId).isEqualTo(12);
    assertThat(read.publishedAt).isEqualTo(1_524_000_000_000L);
    assertThat(read.signature).containsExactly(SIGNATURE);
    assertThat(read.samePlatform(p)).isTrue();
    assertThat(read.samePlatform(new PostSignature(0, "gap", CHANNEL, 1, 1, SIGNATURE))).isFalse();
    assertThat(read.isSamePost(p)).isTrue();
    assertThat(read.isSamePost(new PostSignature(0, "soroush", CHANNEL + "2", 12, 1_524_000_000_000L, SIGNATURE))).isFalse();
  }

  /** A checkpoint's entries have the form earlier versions wrote, so their checkpoints restore. */
  @Test
  void checkpointEntriesHaveTheFormOfEarlierVersions() throws Exception {
    DataOutputSerializer earlier = new DataOutputSerializer(64);
    earlier.writeLong(-9);
    earlier.writeUTF("soroush");
    earlier.writeUTF(CHANNEL);
    earlier.writeLong(12);
    earlier.writeLong(1_524_000_000_000L);
    for (long l : SIGNATURE) {
      earlier.writeLong(l);
    }
    DataOutputSerializer now = new DataOutputSerializer(64);
    SameContentStateFormat.writeEntry(now, -9, new PostSignature(5, "soroush", CHANNEL, 12, 1_524_000_000_000L, SIGNATURE).inBuckets(new long[] {7, -9}));

    assertThat(now.getCopyOfBuffer()).isEqualTo(earlier.getCopyOfBuffer());
    PostSignature restored = SameContentStateFormat.readEntry(new DataInputDeserializer(earlier.getCopyOfBuffer()));
    assertThat(restored.buckets).containsExactly(-9);
    assertThat(restored.channel()).isEqualTo(CHANNEL);
    assertThat(restored.signature).containsExactly(SIGNATURE);
  }

  @Test
  void copiesBetweenViewsAndToOtherBuckets() throws Exception {
    PostSignature p = new PostSignature(3, "telegram", CHANNEL, 12, 99, SIGNATURE).inBuckets(new long[] {3, 5});
    DataOutputSerializer out = new DataOutputSerializer(64);
    p.write(out);
    DataOutputSerializer copied = new DataOutputSerializer(1024); // write(DataInputView, n) does not grow it
    new PostSignature().copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());

    PostSignature moved = p.inBuckets(new long[] {4, 6});
    assertThat(moved.bucket).isEqualTo(4);
    assertThat(moved.buckets).containsExactly(4, 6);
    assertThat(moved.channel()).isEqualTo(CHANNEL);
    assertThat(moved.signature).isSameAs(p.signature);
    assertThat(p.bucket).isEqualTo(3);
  }
}
