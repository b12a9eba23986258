package org.kooch.streaming.samecontent;

import java.util.Arrays;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.util.Collector;
import org.kooch.schemas.Post;

/**
 * A post's MinHash signature and its {@link MinHasher#BANDS} LSH band keys, grouped by the
 * same-content subtask that holds each band's bucket: one record per subtask, keyed by its first
 * bucket (whose key group is that subtask's, as are the others'). At parallelism 2 a post makes
 * at most 2 records instead of 8, and at parallelism 1 one. Texts too short to compare make none.
 *
 * <p>It must run at the parallelism and maximum parallelism of {@link SameContentDetector},
 * which checks that every bucket it receives is its own.
 */
public class MinHashBands extends RichFlatMapFunction<Post, PostSignature> {
  private transient int parallelism;
  private transient int maxParallelism;
  private transient int subtask;

  @Override
  public void open(OpenContext openContext) {
    TaskInfo task = getRuntimeContext().getTaskInfo();
    parallelism = task.getNumberOfParallelSubtasks();
    maxParallelism = task.getMaxNumberOfParallelSubtasks();
    subtask = task.getIndexOfThisSubtask();
  }

  @Override
  public void flatMap(Post p, Collector<PostSignature> out) {
    long[] minimums = MinHasher.minimums(p.getText());
    if (minimums == null) {
      return;
    }
    long[] keys = new long[MinHasher.BANDS];
    int[] subtasks = new int[MinHasher.BANDS];
    for (int band = 0; band < MinHasher.BANDS; band++) {
      keys[band] = MinHasher.bandKey(minimums, band);
      subtasks[band] = KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(
          maxParallelism, parallelism, SameContentDetector.keyGroup(keys[band], maxParallelism));
    }
    PostSignature post = null;
    boolean[] sent = new boolean[MinHasher.BANDS];
    for (int band = 0; band < MinHasher.BANDS; band++) {
      if (sent[band]) {
        continue;
      }
      long[] together = new long[MinHasher.BANDS];
      int n = 0;
      for (int other = band; other < MinHasher.BANDS; other++) {
        if (!sent[other] && subtasks[other] == subtasks[band]) {
          together[n++] = keys[other];
          sent[other] = true;
        }
      }
      long[] buckets = Arrays.copyOf(together, n);
      if (post == null) {
        post = new PostSignature(buckets[0], p.getPlatform(), p.getChannel(), p.getPostId(), p.getPublishedAt().toEpochMilli(),
            MinHasher.pack(minimums));
        post.origin = subtask;
      }
      out.collect(post.inBuckets(buckets));
    }
  }
}
