package org.kooch.streaming.samecontent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.kooch.streaming.links.ChannelLinkRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SameContentDetectorTest {
  private static final long BUCKET = 0x35eedL;
  private static final long H = 3_600_000L;
  private static final long T0 = 1_524_000_000_000L;

  private KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void aNearDuplicateOnAnotherPlatformLinksFromTheEarlierPost() throws Exception {
    add(post("telegram", "khamenei_ir", 30774, T0, signature(0, 0)));
    add(post("soroush", "khamenei_ir", 12, T0 + 5 * H, signature(0, 3))); // 29 of 32 minimums equal
    double similarity = 29.0 / 32;
    assertThat(harness.extractOutputValues()).containsExactly(
        new ChannelLinkRow("telegram", "khamenei_ir", "soroush", "khamenei_ir", ChannelLinkRow.SAME_CONTENT, T0 + 5 * H, 12L, similarity * 0.85));
  }

  @Test
  void theEarlierPostIsTheSourceAlsoWhenItArrivesLast() throws Exception {
    add(post("soroush", "khamenei_ir", 12, T0 + 5 * H, signature(0, 0)));
    add(post("telegram", "khamenei_ir", 30774, T0, signature(0, 0)));
    assertThat(harness.extractOutputValues()).singleElement().satisfies(l -> {
      assertThat(l.fromKey()).isEqualTo("telegram/khamenei_ir");
      assertThat(l.toKey()).isEqualTo("soroush/khamenei_ir");
      assertThat(l.firstSeen).isEqualTo(T0 + 5 * H);
      assertThat(l.postId).isEqualTo(12L);
      assertThat(l.confidence).isEqualTo(0.85);
    });
  }

  @Test
  void aSenderThatReadsAheadDoesNotSweepAwayThePartnersOfOneBehind() throws Exception {
    PostSignature original = post("telegram", "irna_1313", 1, T0, signature(0, 0));
    original.origin = 1;
    add(original);
    for (int day = 1; day <= 4; day++) {
      PostSignature ahead = post("gap", "other", 100 + day, T0 + day * 24 * H, signature(0, 32));
      ahead.origin = 0; // a backfill: this sender is days ahead
      add(ahead);
    }
    PostSignature copy = post("eitaa", "irna_1313", 2, T0 + 3 * H, signature(0, 0));
    copy.origin = 1;
    add(copy);
    assertThat(harness.extractOutputValues()).extracting(l -> l.fromKey() + ">" + l.toKey())
        .containsExactly("telegram/irna_1313>eitaa/irna_1313");

    // Once the sender behind has read on too, the old posts leave state.
    PostSignature later = post("bale", "x", 3, T0 + 4 * 24 * H, signature(0, 32));
    later.origin = 1;
    add(later);
    assertThat(recent()).extracting(p -> p.postId).doesNotContain(1L, 2L);
  }

  @Test
  void noLinkOnTheSamePlatformOrBelowTheThreshold() throws Exception {
    add(post("telegram", "khamenei_ir", 1, T0, signature(0, 0)));
    add(post("telegram", "leader_ir", 2, T0 + H, signature(0, 0))); // news reposted on Telegram: not cross-platform
    add(post("gap", "khamenei", 3, T0 + 2 * H, signature(0, 7))); // 25/32 = 0.78
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(recent()).hasSize(3);
  }

  @Test
  void postsOutsideTheWindowAreNotComparedAndLeaveStateBeyondTheSlack() throws Exception {
    add(post("telegram", "khamenei_ir", 1, T0, signature(0, 0)));
    add(post("soroush", "khamenei_ir", 2, T0 + SameContentDetector.WINDOW_MS + 1, signature(0, 0)));
    assertThat(harness.extractOutputValues()).as("more than the window apart").isEmpty();
    assertThat(recent()).extracting(p -> p.postId).containsExactly(1L, 2L); // within the slack: kept for late posts
    // a late post between them finds both
    add(post("gap", "khamenei", 3, T0 + SameContentDetector.WINDOW_MS / 2, signature(0, 0)));
    assertThat(harness.extractOutputValues()).extracting(l -> l.fromKey() + ">" + l.toKey())
        .containsExactly("telegram/khamenei_ir>gap/khamenei", "gap/khamenei>soroush/khamenei_ir");
    // a post beyond window and slack of the first one: the first one leaves state
    add(post("eitaa", "khamenei", 4, T0 + SameContentDetector.WINDOW_MS + SameContentDetector.SLACK_MS + 1, signature(0, 32)));
    assertThat(recent()).extracting(p -> p.postId).containsExactly(2L, 3L, 4L);
    // a post older than the slack allows is compared with what is left, and not kept
    add(post("bale", "khamenei", 5, T0 - 1, signature(0, 0)));
    assertThat(recent()).extracting(p -> p.postId).containsExactly(2L, 3L, 4L);
  }

  @Test
  void aBucketKeepsAtMostItsCapacityOfTheNewestPosts() throws Exception {
    add(post("telegram", "khamenei_ir", 1, T0, signature(0, 0)));
    for (int i = 1; i <= BucketTable.CAPACITY; i++) {
      add(post("soroush", "filler_" + i, 100 + i, T0 + i * 60_000L, signature(i * 1_000, 32)));
    }
    assertThat(recent()).hasSize(BucketTable.CAPACITY).extracting(p -> p.postId).doesNotContain(1L);
    // the copy of the evicted (oldest) post finds nothing to link to
    add(post("soroush", "khamenei_ir", 12, T0 + 2 * H, signature(0, 0)));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(recent()).hasSize(BucketTable.CAPACITY);
    assertThat(((SameContentDetector) harness.getOperator()).buckets()).isEqualTo(1);
  }

  /** The evicted post is still in the log a checkpoint copies; the restore evicts it again. */
  @Test
  void aRestoredFullBucketHoldsTheSameNewestPosts() throws Exception {
    add(post("telegram", "khamenei_ir", 1, T0, signature(0, 0)));
    for (int i = 1; i <= BucketTable.CAPACITY; i++) {
      add(post("soroush", "filler_" + i, 100 + i, T0 + i * 60_000L, signature(i * 1_000, 32)));
    }
    List<Long> before = recent().stream().map(p -> p.postId).sorted().toList();
    assertThat(((SameContentDetector) harness.getOperator()).logEntries()).isEqualTo(BucketTable.CAPACITY + 1);
    restart();
    assertThat(recent().stream().map(p -> p.postId).sorted().toList()).isEqualTo(before).doesNotContain(1L);
    add(post("soroush", "khamenei_ir", 12, T0 + 2 * H, signature(0, 0)));
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  /**
   * A post that arrived ahead of older ones keeps the sweep from dropping them off the log's
   * front; once the log holds more than twice the buckets' entries, it is written again from them.
   */
  @Test
  void theLogIsRewrittenWhenOutOfOrderPostsLeaveItMostlyExpired() throws Exception {
    SameContentDetector detector = (SameContentDetector) harness.getOperator();
    long young = T0 + 30 * H;
    harness.processElement(new PostSignature(7, "telegram", "ahead", 1, young, signature(1, 32)), young);
    for (int i = 0; i < 3_000; i++) { // older, but within window and slack of the newest: kept
      harness.processElement(new PostSignature(1_000 + i, "telegram", "older", 2 + i, T0 + i, signature(i * 1_000, 32)), T0);
    }
    assertThat(detector.logEntries()).isEqualTo(3_001);
    // A day past the newest: the sweep drops the 3,000 from their buckets, not from the log's front.
    harness.processElement(new PostSignature(8, "gap", "later", 9_999, young + 25 * H, signature(5, 32)), young + 25 * H);
    assertThat(detector.buckets()).isEqualTo(2);
    assertThat(detector.logEntries()).isEqualTo(2);

    restart();
    assertThat(((SameContentDetector) harness.getOperator()).buckets()).isEqualTo(2);
  }

  @Test
  void withinCapacityTheOldestPostIsStillFound() throws Exception {
    add(post("telegram", "khamenei_ir", 1, T0, signature(0, 0)));
    for (int i = 1; i < BucketTable.CAPACITY; i++) {
      add(post("soroush", "filler_" + i, 100 + i, T0 + i * 60_000L, signature(i * 1_000, 32)));
    }
    add(post("soroush", "khamenei_ir", 12, T0 + 2 * H, signature(0, 0)));
    assertThat(harness.extractOutputValues()).extracting(ChannelLinkRow::fromKey).containsExactly("telegram/khamenei_ir");
  }

  @Test
  void bucketsOfPostsOlderThanWindowAndSlackAreSweptAsPublicationTimeAdvances() throws Exception {
    long day = 86_400_000L;
    for (int d = 0; d < 30; d++) {
      // a distinct text a day in its own bucket, never touched again
      harness.processElement(new PostSignature(d, "telegram", "daily", d, T0 + d * day, signature(d * 1_000, 32)), T0 + d * day);
    }
    long kept = (SameContentDetector.WINDOW_MS + SameContentDetector.SLACK_MS) / day + 2;
    assertThat(((SameContentDetector) harness.getOperator()).buckets()).as("buckets left after 30 days").isBetween(1, (int) kept);
    // a post within the slack of the newest (and before its partner) still finds it
    harness.processElement(new PostSignature(29, "soroush", "daily", 99, T0 + 29 * day - day / 4, signature(29 * 1_000, 32)), T0);
    assertThat(harness.extractOutputValues()).singleElement().satisfies(l -> {
      assertThat(l.fromKey()).isEqualTo("soroush/daily");
      assertThat(l.toKey()).isEqualTo("telegram/daily");
    });
  }

  @Test
  void aRestoredDetectorStillFindsThePostsItHad() throws Exception {
    add(post("telegram", "khamenei_ir", 1, T0, signature(0, 0)));
    restart();
    assertThat(recent()).extracting(p -> p.postId).containsExactly(1L);
    add(post("soroush", "khamenei_ir", 12, T0 + 2 * H, signature(0, 0)));
    assertThat(harness.extractOutputValues()).extracting(ChannelLinkRow::fromKey).containsExactly("telegram/khamenei_ir");
  }

  /** A post routed to several buckets at once is kept in each and links once to a partner it shares them with. */
  @Test
  void aPostInSeveralBucketsLinksOnceAndIsKeptInEach() throws Exception {
    long[] buckets = {BUCKET, BUCKET + 1, BUCKET + 2};
    add(post("telegram", "khamenei_ir", 1, T0, signature(0, 0)).inBuckets(buckets));
    add(post("soroush", "khamenei_ir", 12, T0 + H, signature(0, 1)).inBuckets(new long[] {BUCKET + 2, BUCKET + 1}));

    assertThat(harness.extractOutputValues()).singleElement().satisfies(l -> assertThat(l.toKey()).isEqualTo("soroush/khamenei_ir"));
    SameContentDetector detector = (SameContentDetector) harness.getOperator();
    assertThat(detector.bucket(BUCKET)).extracting(p -> p.postId).containsExactly(1L);
    assertThat(detector.bucket(BUCKET + 1)).extracting(p -> p.postId).containsExactly(1L, 12L);
    assertThat(detector.bucket(BUCKET + 2)).extracting(p -> p.postId).containsExactly(1L, 12L);
    assertThat(detector.buckets()).isEqualTo(3);

    // restored (a checkpoint writes the post once per bucket): held once again, still one link per partner
    restart();
    SameContentDetector restored = (SameContentDetector) harness.getOperator();
    assertThat(restored.bucket(BUCKET + 2)).extracting(p -> p.postId).containsExactly(1L, 12L);
    assertThat(restored.bucket(BUCKET).get(0)).as("held once again").isSameAs(restored.bucket(BUCKET + 1).get(0));
    add(post("gap", "khamenei_ir", 40, T0 + 2 * H, signature(0, 0)).inBuckets(buckets));
    assertThat(harness.extractOutputValues()).allSatisfy(l -> assertThat(l.toKey()).isEqualTo("gap/khamenei_ir"))
        .extracting(ChannelLinkRow::fromKey).containsExactlyInAnyOrder("telegram/khamenei_ir", "soroush/khamenei_ir");
  }

  /** MinHashBands and the detector must agree on the parallelism; a bucket of another subtask fails loudly. */
  @Test
  void aBucketOfAnotherSubtaskIsRefused() throws Exception {
    int maxParallelism = 128;
    long foreign = 0;
    while (KeyGroupRangeAssignment.assignKeyToParallelOperator(foreign, maxParallelism, 2) != 1) {
      foreign++;
    }
    long own = foreign + 1;
    while (KeyGroupRangeAssignment.assignKeyToParallelOperator(own, maxParallelism, 2) != 0) {
      own++;
    }
    try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h = subtask(maxParallelism, 2, 0)) {
      h.open();
      PostSignature p = post("telegram", "khamenei_ir", 1, T0, signature(0, 0)).inBuckets(new long[] {own, foreign});
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.processElement(p, T0))
          .hasMessageContaining("must run at the same parallelism");
    }
  }

  /** Raw keyed state goes by key group: rescaled from one subtask to two, each bucket is where its key is. */
  @Test
  void rescaledBucketsFollowTheirKeys() throws Exception {
    int maxParallelism = 128;
    OperatorSubtaskState snapshot;
    try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> one = subtask(maxParallelism, 1, 0)) {
      one.open();
      for (long bucket = 0; bucket < 50; bucket++) {
        one.processElement(new PostSignature(bucket, "telegram", "ch" + bucket, bucket, T0, signature(bucket * 1_000, 32)), T0);
      }
      snapshot = one.snapshot(1L, T0);
    }
    int found = 0;
    for (int index = 0; index < 2; index++) {
      try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h = subtask(maxParallelism, 2, index)) {
        h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, maxParallelism, 1, 2, index));
        h.open();
        for (long bucket = 0; bucket < 50; bucket++) {
          int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(bucket, maxParallelism, 2);
          if (owner != index) {
            continue;
          }
          // the same text on another platform, routed to this subtask: it finds its partner here
          h.processElement(new PostSignature(bucket, "soroush", "ch" + bucket, 1_000 + bucket, T0 + H, signature(bucket * 1_000, 32)), T0 + H);
        }
        found += h.extractOutputValues().size();
        assertThat(((SameContentDetector) h.getOperator()).buckets()).isPositive().isLessThan(50);
      }
    }
    assertThat(found).isEqualTo(50);
  }

  private static KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> subtask(int maxParallelism, int parallelism, int index)
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(new SameContentDetector(), s -> s.bucket, Types.LONG, maxParallelism, parallelism, index);
  }

  @Test
  void linksDoNotDependOnArrivalOrderWithinTheSlack() throws Exception {
    List<PostSignature> posts = new ArrayList<>();
    String[] platforms = {"telegram", "soroush", "gap"};
    for (int i = 0; i < 200; i++) {
      long at = T0 + i * 2 * H;
      posts.add(new PostSignature(i % 4, platforms[i % 3], "ch" + (i % 5), i, at, signature((i % 4) * 1_000, (i % 4 == 0) ? 0 : 32)));
    }
    java.util.Set<String> inOrder = links(posts);
    List<PostSignature> shuffled = new ArrayList<>(posts);
    // shuffle within blocks of 6 posts (10 hours): disorder within the slack
    for (int from = 0; from < shuffled.size(); from += 6) {
      java.util.Collections.shuffle(shuffled.subList(from, Math.min(shuffled.size(), from + 6)), new java.util.Random(from));
    }
    assertThat(inOrder).isNotEmpty();
    assertThat(links(shuffled)).isEqualTo(inOrder);
  }

  private static java.util.Set<String> links(List<PostSignature> posts) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h =
        new KeyedOneInputStreamOperatorTestHarness<>(new SameContentDetector(), s -> s.bucket, Types.LONG)) {
      h.open();
      for (PostSignature p : posts) {
        h.processElement(p, p.publishedAt);
      }
      java.util.Set<String> out = new java.util.TreeSet<>();
      h.extractOutputValues().forEach(l -> out.add(l.fromKey() + ">" + l.toKey() + "@" + l.firstSeen + "#" + l.postId));
      return out;
    }
  }

  /** Checkpoints the detector and restores a new one from the checkpoint. */
  /** The state backend of the harness; null: Flink's default (the heap). */
  StateBackend backend() {
    return null;
  }

  private KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> newHarness() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<Long, PostSignature, ChannelLinkRow> h =
        new KeyedOneInputStreamOperatorTestHarness<>(new SameContentDetector(), s -> s.bucket, Types.LONG);
    if (backend() != null) {
      h.setStateBackend(backend());
    }
    return h;
  }

  private void restart() throws Exception {
    OperatorSubtaskState snapshot = harness.snapshot(1L, T0);
    harness.close();
    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
  }

  private void add(PostSignature p) throws Exception {
    harness.processElement(p, p.publishedAt);
  }

  private List<PostSignature> recent() {
    return ((SameContentDetector) harness.getOperator()).bucket(BUCKET);
  }

  private static PostSignature post(String platform, String channel, long postId, long publishedAt, long[] sig) {
    return new PostSignature(BUCKET, platform, channel, postId, publishedAt, sig);
  }

  /** A synthetic signature: {@code differing} of its minimums differ from the base signature. */
  private static long[] signature(long offset, int differing) {
    long[] sig = new long[MinHasher.HASHES];
    for (int i = 0; i < sig.length; i++) {
      sig[i] = 1_000_000L * i + (i < differing ? offset + 1 + i : 0);
    }
    return MinHasher.pack(sig);
  }
}
