package org.kooch.streaming.links;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by LSH bucket: compares a post's signature with the recent posts in the same bucket and
 * emits a {@code same_content} link when a post on another platform is near-identical (estimated
 * Jaccard at least {@link #THRESHOLD}) and published within {@link #WINDOW_MS} of it: the same
 * owner cross-posting. From: the earlier post's channel.
 */
public class SameContentDetector extends KeyedProcessFunction<String, PostSignature, ChannelLinkRow> {
  static final double THRESHOLD = 0.8;
  static final long WINDOW_MS = 3 * 86_400_000L;
  /** Posts kept per bucket: bounds state for texts many channels repeat. */
  static final int BUCKET_CAPACITY = 64;

  private transient ListState<PostSignature> recent;

  @Override
  public void open(OpenContext openContext) {
    recent = getRuntimeContext().getListState(new ListStateDescriptor<>("recent", PostSignature.class));
  }

  @Override
  public void processElement(PostSignature p, Context ctx, Collector<ChannelLinkRow> out) throws Exception {
    java.util.List<PostSignature> kept = new java.util.ArrayList<>();
    for (PostSignature q : recent.get()) {
      if (Math.abs(q.publishedAt - p.publishedAt) > WINDOW_MS) {
        if (q.publishedAt > p.publishedAt) {
          kept.add(q); // newer than the window of this (late) post: still useful for later posts
        }
        continue;
      }
      kept.add(q);
      if (q.platform.equals(p.platform)) {
        continue;
      }
      double similarity = MinHasher.similarity(p.signature, q.signature);
      if (similarity >= THRESHOLD) {
        PostSignature first = q.publishedAt <= p.publishedAt ? q : p;
        PostSignature second = first == q ? p : q;
        out.collect(new ChannelLinkRow(first.platform, first.channel, second.platform, second.channel,
            ChannelLinkRow.SAME_CONTENT, second.publishedAt, second.postId, Math.min(0.9, similarity * 0.85)));
      }
    }
    kept.add(p);
    if (kept.size() > BUCKET_CAPACITY) {
      kept.sort((a, b) -> Long.compare(b.publishedAt, a.publishedAt));
      kept = new java.util.ArrayList<>(kept.subList(0, BUCKET_CAPACITY));
    }
    recent.update(kept);
  }
}
