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
 * Checkpoints of the same-content detector in the forms earlier versions wrote restore into it.
 * The stored snapshots in {@code src/test/resources/same-content/} were written by {@link
 * #writeSnapshot}, run by hand in the version of the commit each file is named after:
 * {@code d2e8a19}, raw keyed state written bucket by bucket (each post in each of its buckets);
 * {@code e96fe26}, raw keyed state written as each key group's entry log. Run in this version,
 * it writes the current form, the log's chunks in keyed state, which the detector's own tests
 * restore.
 */
class SameContentCheckpointCompatibilityTest {
  static final Path BUCKET_FORM = Path.of("src/test/resources/same-content/d2e8a19.snapshot");
  static final Path RAW_LOG_FORM = Path.of("src/test/resources/same-content/e96fe26.snapshot");
  private static final long BUCKET = 0x35eedL;
  private static final long OTHER_BUCKET = 0x1234567L;
  private static final long H = 3_600_000L;
  private static final long T0 = 1_524_000_000_000L;

  @Test
  void aCheckpointInTheBucketFormRestoresItsPosts() throws Exception {
    restoresItsPosts(BUCKET_FORM, null);
  }

  /** The same checkpoint (taken with the heap backend) restores into a job with its state in RocksDB. */
  @Test
  void aCheckpointInTheBucketFormRestoresWithRocksDb() throws Exception {
    restoresItsPosts(BUCKET_FORM, new EmbeddedRocksDBStateBackend(true));
  }

  @Test
  void aCheckpointInTheRawLogFormRestoresItsPosts() throws Exception {
    restoresItsPosts(RAW_LOG_FORM, null);
  }

  @Test
  void aCheckpointInTheRawLogFormRestoresWithRocksDb() throws Exception {
    restoresItsPosts(RAW_LOG_FORM, new EmbeddedRocksDBStateBackend(true));
  }

  /** A detector restored from raw state stores its log in keyed state at its next checkpoint, and that restores too. */
  @Test
  void aRestoredRawCheckpointIsStoredInTheCurrentForm() throws Exception {
    OperatorSubtaskState current;
    try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h = harness()) {
      h.initializeState(OperatorSnapshotUtil.readStateHandle(RAW_LOG_FORM.toString()));
      h.open();
      current = h.snapshot(2L, T0 + 2 * H);
    }
    assertThat(current.getRawKeyedState()).isEmpty();
    assertThat(current.getManagedKeyedState()).isNotEmpty();
    restoresItsPosts(current, null);
  }

  private void restoresItsPosts(Path snapshot, StateBackend backend) throws Exception {
    assertThat(snapshot).exists();
    restoresItsPosts(OperatorSnapshotUtil.readStateHandle(snapshot.toString()), backend);
  }

  private void restoresItsPosts(OperatorSubtaskState earlier, StateBackend backend) throws Exception {
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

  /** Writes a stored snapshot (run once, by hand, with the version it is named after). */
  static void writeSnapshot(Path file) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h = harness()) {
      h.open();
      PostSignature first = new PostSignature(BUCKET, "telegram", "khamenei_ir", 1, T0, signature(0)).inBuckets(new long[] {BUCKET});
      h.processElement(first, T0);
      PostSignature again = first.inBuckets(new long[] {OTHER_BUCKET});
      h.processElement(again, T0);
      PostSignature other = new PostSignature(BUCKET, "telegram", "leader_ir", 2, T0 + H, signature(7));
      h.processElement(other, T0 + H);
      Files.createDirectories(file.getParent());
      OperatorSnapshotUtil.writeStateHandle(h.snapshot(1L, T0 + H), file.toString());
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
