package org.kooch.streaming.links;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by LSH bucket: compares a post's signature with the recent posts in the same bucket and
 * emits a {@code same_content} link when a post on another platform is near-identical (estimated
 * Jaccard at least {@link #THRESHOLD}) and published within {@link #WINDOW_MS} of it: the same
 * owner cross-posting. From: the earlier post's channel.
 *
 * <p>State is bounded by time, not by input: every bucket is swept once per day of publication
 * time this subtask has seen, dropping posts published more than {@link #WINDOW_MS} +
 * {@link #SLACK_MS} before the newest post seen. A post at most {@code SLACK_MS} older than the
 * newest one finds every partner it would have found with unbounded state, so results do not
 * depend on arrival order within that slack; a post later than that is compared with what is
 * left. This holds in bounded runs too, where there are no watermarks to clean up on: a backfill
 * keeps a day and a half of posts, not all of them. (Each post is kept once per LSH band, about
 * 3 KB a post: 150,000 posts a day make about 700 MB at parallelism 1. The window is a day: an
 * owner cross-posts the same text within hours.) (An operator rather than a process function, to sweep
 * all keys.)
 */
public class SameContentDetector extends AbstractStreamOperator<ChannelLinkRow>
    implements OneInputStreamOperator<PostSignature, ChannelLinkRow> {
  static final double THRESHOLD = 0.8;
  static final long WINDOW_MS = 86_400_000L;
  static final long SLACK_MS = 43_200_000L;
  static final long SWEEP_EVERY_MS = 86_400_000L;
  /** Posts kept per bucket: bounds state for texts many channels repeat. */
  static final int BUCKET_CAPACITY = 64;
  static final ListStateDescriptor<PostSignature> RECENT = new ListStateDescriptor<>("recent", PostSignature.class);

  private transient ListState<PostSignature> recent;
  /** The newest publication time this subtask has seen (since it started: a restart only keeps more). */
  private transient long newest;
  private transient long sweptAt;

  @Override
  public void open() throws Exception {
    super.open();
    recent = getPartitionedState(RECENT);
    newest = Long.MIN_VALUE;
    sweptAt = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<PostSignature> element) throws Exception {
    PostSignature p = element.getValue();
    boolean sweep = false;
    if (p.publishedAt > newest) {
      newest = p.publishedAt;
      if (sweptAt == Long.MIN_VALUE) {
        sweptAt = newest;
      } else if (newest - sweptAt >= SWEEP_EVERY_MS) {
        sweep = true;
      }
    }
    long horizon = horizon();
    List<PostSignature> kept = new ArrayList<>();
    for (PostSignature q : posts(recent)) {
      if (q.publishedAt < horizon) {
        continue;
      }
      kept.add(q);
      if (q.platform.equals(p.platform) || Math.abs(q.publishedAt - p.publishedAt) > WINDOW_MS) {
        continue;
      }
      double similarity = MinHasher.similarity(p.signature, q.signature);
      if (similarity >= THRESHOLD) {
        PostSignature first = q.publishedAt <= p.publishedAt ? q : p;
        PostSignature second = first == q ? p : q;
        output.collect(new StreamRecord<>(new ChannelLinkRow(first.platform, first.channel, second.platform, second.channel,
            ChannelLinkRow.SAME_CONTENT, second.publishedAt, second.postId, Math.min(0.9, similarity * 0.85))));
      }
    }
    if (p.publishedAt >= horizon) {
      kept.add(p);
    }
    if (kept.size() > BUCKET_CAPACITY) {
      kept.sort((a, b) -> Long.compare(b.publishedAt, a.publishedAt));
      kept = new ArrayList<>(kept.subList(0, BUCKET_CAPACITY));
    }
    if (kept.isEmpty()) {
      recent.clear();
    } else {
      recent.update(kept);
    }
    if (sweep) {
      sweep(horizon);
      sweptAt = newest;
    }
  }

  /** Posts published before this can no longer be compared with a post within the slack of the newest. */
  private long horizon() {
    return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - WINDOW_MS - SLACK_MS;
  }

  /** The bucket's posts (the operator's raw list state is null, not empty, when there are none). */
  private static Iterable<PostSignature> posts(ListState<PostSignature> state) throws Exception {
    Iterable<PostSignature> posts = state.get();
    return posts == null ? List.of() : posts;
  }

  /** Drops every bucket's posts published before {@code horizon}. */
  private void sweep(long horizon) throws Exception {
    Object key = getCurrentKey();
    getKeyedStateBackend().applyToAllKeys(
        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, RECENT,
        (bucket, state) -> {
          List<PostSignature> left = new ArrayList<>();
          boolean dropped = false;
          for (PostSignature q : posts(state)) {
            if (q.publishedAt >= horizon) {
              left.add(q);
            } else {
              dropped = true;
            }
          }
          if (left.isEmpty()) {
            state.clear();
          } else if (dropped) {
            state.update(left);
          }
        });
    setCurrentKey(key);
  }
}
