package org.kooch.streaming.samecontent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.kooch.streaming.links.ChannelLinkRow;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of the same-content detector in its bucket form (buckets written bucket by bucket,
 * each post in each of its buckets), which {@link SameContentStateFormat} reads beside the log form,
 * restores into the detector. The stored snapshot in {@code src/test/resources/same-content/} is in that
 * form: {@link #writeSnapshot} wrote it, run by hand in the version of commit d2e8a19, whose name
 * the file carries. Run in this version it would write the current form.
 */
class SameContentCheckpointCompatibilityTest {
  static final Path SNAPSHOT = Path.of("src/test/resources/same-content/d2e8a19.snapshot");
  private static final long BUCKET = 0x35eedL;
  private static final long OTHER_BUCKET = 0x1234567L;
  private static final long H = 3_600_000L;
  private static final long T0 = 1_524_000_000_000L;

  @Test
  void aCheckpointOfTheEarlierVersionRestoresItsPosts() throws Exception {
    restoresItsPosts(null);
  }

  /** The same checkpoint (taken with the heap backend) restores into a job with its state in RocksDB. */
  @Test
  void aCheckpointOfTheEarlierVersionRestoresWithRocksDb() throws Exception {
    restoresItsPosts(new EmbeddedRocksDBStateBackend(true));
  }

  private void restoresItsPosts(StateBackend backend) throws Exception {
    assertThat(SNAPSHOT).exists();
    OperatorSubtaskState earlier = OperatorSnapshotUtil.readStateHandle(SNAPSHOT.toString());
    try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h = harness()) {
      if (backend != null) {
        h.setStateBackend(backend);
      }
      h.initializeState(earlier);
      h.open();
      SameContentDetector detector = (SameContentDetector) h.getOperator();
      assertThat(detector.bucket(BUCKET)).extracting(p -> p.channel() + "#" + p.postId)
          .containsExactly("khamenei_ir#1", "leader_ir#2");
      assertThat(detector.bucket(OTHER_BUCKET)).extracting(p -> p.channel() + "#" + p.postId).containsExactly("khamenei_ir#1");
      // The restored post is held once, in both of its buckets.
      assertThat(detector.bucket(OTHER_BUCKET).get(0)).isSameAs(detector.bucket(BUCKET).get(0));

      PostSignature copy = new PostSignature(BUCKET, "soroush", "khamenei_ir", 12, T0 + 2 * H, signature(0));
      h.processElement(copy, copy.publishedAt);
      assertThat(h.extractOutputValues()).extracting(ChannelLinkRow::fromKey).containsExactly("telegram/khamenei_ir");
    }
  }

  /** Writes the stored snapshot (run once, by hand, with the version it is named after). */
  static void writeSnapshot() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h = harness()) {
      h.open();
      PostSignature first = new PostSignature(BUCKET, "telegram", "khamenei_ir", 1, T0, signature(0)).inBuckets(new long[] {BUCKET});
      h.processElement(first, T0);
      PostSignature again = first.inBuckets(new long[] {OTHER_BUCKET});
      h.processElement(again, T0);
      PostSignature other = new PostSignature(BUCKET, "telegram", "leader_ir", 2, T0 + H, signature(7));
      h.processElement(other, T0 + H);
      Files.createDirectories(SNAPSHOT.getParent());
      OperatorSnapshotUtil.writeStateHandle(h.snapshot(1L, T0 + H), SNAPSHOT.toString());
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(new SameContentDetector(), s -> s.bucket, Types.LONG);
  }

  /** A synthetic signature; {@code seed} 0 and 7 are far apart. */
  private static long[] signature(long seed) {
    long[] sig = new long[MinHasher.HASHES];
    for (int i = 0; i < sig.length; i++) {
      sig[i] = 1_000_000L * i + seed * (i + 1);
    }
    return MinHasher.pack(sig);
  }
}
