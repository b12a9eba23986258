package org.kooch.streaming.samecontent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.Post;

class MinHashBandsTest {
  private static final String TEXT = "رهبر انقلاب در پیام‌رسان سروش: کانال رسمی از امروز در این پیام‌رسان فعالیت می‌کند 😀";

  @Test
  void atParallelismOneAPostIsOneRecordWithEveryBand() throws Exception {
    List<PostSignature> out = run(post(TEXT), 128, 1, 0);

    assertThat(out).singleElement().satisfies(s -> {
      assertThat(s.buckets).containsExactly(bandKeys(TEXT));
      assertThat(s.bucket).isEqualTo(s.buckets[0]);
      assertThat(s.channel()).isEqualTo("khamenei_ir");
      assertThat(s.platform()).isEqualTo("soroush");
      assertThat(s.postId).isEqualTo(12L);
      assertThat(s.signature).containsExactly(MinHasher.pack(MinHasher.minimums(TEXT)));
    });
  }

  /** Each record goes where its first bucket's key group is, and so does every other bucket in it. */
  @Test
  void atParallelismFourEachRecordHoldsTheBandsOfOneSubtask() throws Exception {
    int maxParallelism = 128;
    List<Long> keys = new ArrayList<>();
    int records = 0;
    for (int variant = 0; variant < 20; variant++) {
      String text = TEXT + " شماره " + variant;
      List<PostSignature> out = run(post(text), maxParallelism, 4, variant % 4);
      records += out.size();
      List<Integer> subtasks = new ArrayList<>();
      for (PostSignature s : out) {
        int subtask = KeyGroupRangeAssignment.assignKeyToParallelOperator(s.bucket, maxParallelism, 4);
        for (long b : s.buckets) {
          assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator(b, maxParallelism, 4)).isEqualTo(subtask);
          keys.add(b);
        }
        subtasks.add(subtask);
      }
      assertThat(subtasks).doesNotHaveDuplicates();
      assertThat(out.stream().flatMapToLong(s -> Arrays.stream(s.buckets)).sorted().toArray())
          .containsExactly(Arrays.stream(bandKeys(text)).sorted().toArray());
    }
    assertThat(keys).hasSize(20 * MinHasher.BANDS);
    assertThat(records).as("records for 20 posts of 8 bands over 4 subtasks").isGreaterThan(20).isLessThanOrEqualTo(20 * 4);
  }

  @Test
  void shortTextsMakeNoRecord() throws Exception {
    assertThat(run(post("سلام دوستان 🌹"), 128, 2, 0)).isEmpty();
  }

  private static List<PostSignature> run(Post post, int maxParallelism, int parallelism, int index) throws Exception {
    try (OneInputStreamOperatorTestHarness<Post, PostSignature> h =
        new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(new MinHashBands()), maxParallelism, parallelism, index)) {
      h.open();
      h.processElement(post, 0);
      return h.extractOutputValues();
    }
  }

  private static long[] bandKeys(String text) {
    long[] minimums = MinHasher.minimums(text);
    long[] keys = new long[MinHasher.BANDS];
    for (int band = 0; band < keys.length; band++) {
      keys[band] = MinHasher.bandKey(minimums, band);
    }
    return keys;
  }

  private static Post post(String text) {
    return Post.newBuilder().setPlatform("soroush").setChannel("khamenei_ir").setPostId(12L)
        .setPublishedAt(Instant.parse("2018-04-20T10:00:00Z")).setCollectedAt(Instant.parse("2018-04-20T11:00:00Z")).setText(text).setSource("test").build();
  }
}
