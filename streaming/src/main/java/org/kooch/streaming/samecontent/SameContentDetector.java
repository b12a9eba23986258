package org.kooch.streaming.samecontent;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.kooch.streaming.links.ChannelLinkRow;

/**
 * Keyed by LSH bucket: compares a post's signature with the recent posts in each of its buckets
 * this subtask holds ({@link MinHashBands} sends them together) and emits a {@code same_content}
 * link when a post on another platform is near-identical (estimated Jaccard at least
 * {@link #THRESHOLD}) and published within {@link #WINDOW_MS} of it: the same owner cross-posting.
 * From: the earlier post's channel. A pair that shares several buckets links once per record.
 *
 * <p>State is bounded by time, not by input: the buckets are swept once per day of publication
 * time this subtask has seen, dropping posts published more than {@link #WINDOW_MS} +
 * {@link #SLACK_MS} before the newest post of the sender that has read least far: each
 * {@link MinHashBands} subtask reads its input in order, but one may run days ahead of another
 * in a backfill, and the posts of the one behind must still find their partners. A post at most
 * {@code SLACK_MS} older than its sender's newest one finds every partner it would have found
 * with unbounded state, so results do not depend on arrival order within that slack; a post
 * later than that is compared with what is left. This holds in bounded runs too, where there are no watermarks to clean up on: a backfill
 * keeps a day and a half of posts, not all of them. The window is a day: an owner cross-posts the
 * same text within hours.
 *
 * <p>The buckets live in a primitive-keyed table per key group ({@link BucketTable}), not in Flink's
 * keyed state: nearly every bucket holds one post, and a state entry, copy-on-write bookkeeping and
 * a per-key sweep for each of a day and a half of posts times eight bands would be most of what
 * this operator costs. A post is held once and referenced from each of its buckets. What a
 * checkpoint needs is kept written as the posts are kept: per key group, an {@link EntryLog} of
 * entries (a post in one bucket, about 110 bytes) in numbered 64 KB chunks. A checkpoint puts the
 * chunks written since the last one into Flink's keyed state ({@code log-chunks}: a map from
 * chunk number to bytes under a key of the key group, {@link #groupKey}) and removes the ones the
 * sweep let go, so the state backend snapshots them asynchronously and RocksDB's incremental
 * checkpoints upload each chunk once, and a restore reads each key group on its own, so the job can
 * be rescaled. A restore reads the chunks back into buckets; {@link SameContentStateFormat} also
 * reads the raw keyed state earlier versions wrote.
 */
public class SameContentDetector extends AbstractStreamOperator<ChannelLinkRow>
    implements OneInputStreamOperator<PostSignature, ChannelLinkRow> {
  static final double THRESHOLD = 0.8;
  static final long WINDOW_MS = 86_400_000L;
  static final long SLACK_MS = 43_200_000L;
  static final long SWEEP_EVERY_MS = 86_400_000L;
  private static final PostSignature[] EMPTY = new PostSignature[0];
  /**
   * Bucket key to its posts, in arrival order; one table per key group of this subtask, so a
   * checkpoint writes each key group's table as it is.
   */
  private transient BucketTable[] groups;
  /** Per key group, its buckets' entries as a checkpoint stores them ({@link EntryLog}). */
  private transient EntryLog[] logs;
  /** Per key group, the key its log's chunks are stored under ({@link #groupKey}). */
  private transient long[] groupKeys;
  /** The logs' chunks by number, under each key group's {@link #groupKey}. */
  private transient MapState<Long, byte[]> logChunks;
  private transient int firstGroup;
  private transient int maxParallelism;
  /** The newest publication time this subtask has seen (restored as the newest post kept). */
  private transient long newest;
  /** The newest publication time from each sender ({@link PostSignature#origin}) since the start or restore. */
  private transient Map<Integer, Long> newestByOrigin;
  private transient long sweptAt;
  /** What {@link BucketTable#touch} read, kept so the reads are not optimised away. */
  private transient long touched;

  /**
   * Earlier versions wrote the buckets as raw keyed state, which a restore still reads; Flink must
   * not write timers there (this operator has none).
   */
  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return true;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    TaskInfo task = getRuntimeContext().getTaskInfo();
    maxParallelism = task.getMaxNumberOfParallelSubtasks();
    KeyGroupRange range = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
        maxParallelism, task.getNumberOfParallelSubtasks(), task.getIndexOfThisSubtask());
    firstGroup = range.getStartKeyGroup();
    groups = new BucketTable[range.getNumberOfKeyGroups()];
    logs = new EntryLog[groups.length];
    groupKeys = new long[groups.length];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = new BucketTable();
      logs[i] = new EntryLog();
      groupKeys[i] = groupKey(firstGroup + i, maxParallelism);
    }
    logChunks = context.getKeyedStateStore().getMapState(
        new MapStateDescriptor<>("log-chunks", Types.LONG, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    newest = Long.MIN_VALUE;
    newestByOrigin = new HashMap<>();
    sweptAt = Long.MIN_VALUE;
    // Buckets and logs are refilled as they were kept, then the horizon of the newest post
    // restored applies to them; a post in several buckets is held once again.
    Map<PostSignature.Identity, PostSignature> held = new HashMap<>();
    for (int g = 0; g < groups.length; g++) {
      setCurrentKey(groupKeys[g]);
      TreeMap<Long, byte[]> chunks = new TreeMap<>();
      for (Map.Entry<Long, byte[]> chunk : logChunks.entries()) {
        chunks.put(chunk.getKey(), chunk.getValue());
      }
      for (Map.Entry<Long, byte[]> chunk : chunks.entrySet()) {
        DataInputDeserializer in = new DataInputDeserializer(chunk.getValue());
        int entries = 0;
        for (; in.available() > 0; entries++) {
          keepRestored(g, SameContentStateFormat.readEntry(in), held);
        }
        logs[g].restore(chunk.getKey(), chunk.getValue(), entries);
      }
    }
    for (KeyGroupStatePartitionStreamProvider group : context.getRawKeyedStateInputs()) {
      int g = group.getKeyGroupId() - firstGroup;
      try (InputStream in = group.getStream()) {
        SameContentStateFormat.readEntries(new DataInputViewStreamWrapper(in), entry -> {
          keepRestored(g, entry, held);
          logs[g].append(entry.bucket, entry);
        });
      }
    }
    sweep(horizon());
  }

  /**
   * The smallest key in key group {@code keyGroup}: the key the group's log chunks are stored
   * under, the same at any parallelism.
   */
  static long groupKey(int keyGroup, int maxParallelism) {
    for (long key = 0; ; key++) {
      if (keyGroup(key, maxParallelism) == keyGroup) {
        return key;
      }
    }
  }

  /** Puts a restored entry back in its bucket, as keeping it did (a full bucket keeps its newest). */
  private void keepRestored(int g, PostSignature entry, Map<PostSignature.Identity, PostSignature> held) {
    newest = Math.max(newest, entry.publishedAt);
    PostSignature post = held.computeIfAbsent(entry.identity(), PostSignature.Identity::post);
    int slot = groups[g].find(entry.bucket);
    store(groups[g], slot, entry.bucket, slot >= 0 ? groups[g].postsAt(slot) : EMPTY, Long.MIN_VALUE, false, post);
  }

  /**
   * Drops the posts before the horizon from every bucket, and the entries before it from the
   * front of every log; a log left holding more than twice its buckets' entries is written again
   * from them.
   */
  private void sweep(long horizon) {
    for (int g = 0; g < groups.length; g++) {
      groups[g].retainFrom(horizon);
      logs[g].dropBefore(horizon);
      if (logs[g].entries() > 2 * groups[g].entries() + 1024) {
        rewriteLog(g);
      }
    }
    sweptAt = newest;
  }

  /**
   * Brings each key group's stored chunks to its log ({@link EntryLog#syncTo}): the chunks written
   * since the last checkpoint, not a walk over the buckets. Flink snapshots the keyed state after
   * this returns.
   */
  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    EntryLog.ChunkStore store = new EntryLog.ChunkStore() {
      @Override
      public void put(long number, byte[] chunk) throws Exception {
        logChunks.put(number, chunk);
      }

      @Override
      public void remove(long number) throws Exception {
        logChunks.remove(number);
      }
    };
    for (int g = 0; g < groups.length; g++) {
      setCurrentKey(groupKeys[g]);
      logs[g].syncTo(store);
    }
  }

  @Override
  public void processElement(StreamRecord<PostSignature> element) throws IOException {
    PostSignature p = element.getValue();
    newestByOrigin.merge(p.origin, p.publishedAt, Math::max);
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
    int[] bucketGroups = new int[p.buckets.length];
    long touched = 0;
    for (int i = 0; i < p.buckets.length; i++) {
      bucketGroups[i] = groupIndex(p.buckets[i]);
      touched += groups[bucketGroups[i]].touch(p.buckets[i]);
    }
    this.touched = touched;
    List<PostSignature> matched = null;
    for (int i = 0; i < p.buckets.length; i++) {
      matched = compareAndKeep(p, p.buckets[i], bucketGroups[i], horizon, matched);
    }
    if (sweep) {
      sweep(horizon);
    }
  }

  /**
   * Compares the post with the others in one of its buckets, emitting a link for each
   * near-duplicate on another platform not {@code matched} in one of its other buckets already,
   * and keeps it there (dropping what the horizon passed). {@code g} is the bucket's key group
   * index ({@link #groupIndex}). Returns the posts matched so far.
   */
  private List<PostSignature> compareAndKeep(PostSignature p, long key, int g, long horizon, List<PostSignature> matched) {
    BucketTable buckets = groups[g];
    int slot = buckets.find(key);
    PostSignature[] bucket = slot >= 0 ? buckets.postsAt(slot) : EMPTY;
    boolean expired = false;
    for (PostSignature q : bucket) {
      if (q.publishedAt < horizon) {
        expired = true;
        continue;
      }
      if (q.samePlatform(p) || Math.abs(q.publishedAt - p.publishedAt) > WINDOW_MS || contains(matched, q)) {
        continue;
      }
      double similarity = MinHasher.similarity(p.signature, q.signature);
      if (similarity >= THRESHOLD) {
        PostSignature first = q.publishedAt <= p.publishedAt ? q : p;
        PostSignature second = first == q ? p : q;
        output.collect(new StreamRecord<>(new ChannelLinkRow(first.platform(), first.channel(), second.platform(), second.channel(),
            ChannelLinkRow.SAME_CONTENT, second.publishedAt, second.postId, Math.min(0.9, similarity * 0.85))));
        matched = matched == null ? new ArrayList<>(2) : matched;
        matched.add(q);
      }
    }
    boolean keep = p.publishedAt >= horizon;
    if (keep) {
      logs[g].append(key, p);
    }
    store(buckets, slot, key, bucket, horizon, expired, keep ? p : null);
    return matched;
  }

  /**
   * Puts back a bucket's posts plus {@code added} (null: none) at {@code slot}, {@link
   * BucketTable#find}'s answer for {@code key}: only those at or after the horizon when some are
   * {@code expired}, and the newest of them when the bucket is full; a bucket left empty is removed.
   */
  private static void store(BucketTable buckets, int slot, long key, PostSignature[] bucket, long horizon, boolean expired,
      PostSignature added) {
    if (expired || (added != null && bucket.length >= BucketTable.CAPACITY)) {
      PostSignature[] kept = BucketTable.kept(bucket, horizon, added);
      if (kept.length == 0) {
        if (slot >= 0) {
          buckets.removeAt(slot);
        }
      } else {
        buckets.putAt(slot, key, kept);
      }
    } else if (added != null) {
      PostSignature[] grown = Arrays.copyOf(bucket, bucket.length + 1);
      grown[bucket.length] = added;
      buckets.putAt(slot, key, grown);
    }
  }

  /**
   * Whether {@code posts} holds the same post as {@code q}: the same object, or another copy of
   * it (a post imported twice is held twice).
   */
  private static boolean contains(List<PostSignature> posts, PostSignature q) {
    if (posts != null) {
      for (PostSignature m : posts) {
        if (m == q || m.isSamePost(q)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Writes key group {@code g}'s log again from its buckets: what it holds that they do not is gone. */
  private void rewriteLog(int g) {
    EntryLog log = logs[g];
    log.clear();
    groups[g].forEach((key, posts) -> {
      for (PostSignature p : posts) {
        log.append(key, p);
      }
    });
  }

  /** The table of the key group the bucket belongs to, which must be this subtask's. */
  private BucketTable groupOf(long bucket) {
    return groups[groupIndex(bucket)];
  }

  /** The index of the bucket's key group among this subtask's, which it must be one of. */
  private int groupIndex(long bucket) {
    int group = keyGroup(bucket, maxParallelism) - firstGroup;
    if (group < 0 || group >= groups.length) {
      throw new IllegalStateException("bucket " + bucket + " is in key group " + (group + firstGroup) + ", not in this subtask's "
          + firstGroup + "-" + (firstGroup + groups.length - 1) + ": minhash and same-content must run at the same parallelism"
          + " and maximum parallelism");
    }
    return group;
  }

  /** The bucket's key group, as Flink's keyBy assigns it, without boxing the key. */
  static int keyGroup(long bucket, int maxParallelism) {
    return KeyGroupRangeAssignment.computeKeyGroupForKeyHash(Long.hashCode(bucket), maxParallelism);
  }

  /** Posts published before this can no longer be compared with a post within the slack of the newest. */
  private long horizon() {
    long least = newest;
    for (long n : newestByOrigin.values()) {
      least = Math.min(least, n);
    }
    return least == Long.MIN_VALUE ? Long.MIN_VALUE : least - WINDOW_MS - SLACK_MS;
  }

  /** The posts of one bucket (tests). */
  List<PostSignature> bucket(long key) {
    PostSignature[] posts = groupOf(key).get(key);
    return posts == null ? List.of() : List.of(posts);
  }

  /** Entries in the logs (tests). */
  int logEntries() {
    int n = 0;
    for (EntryLog log : logs) {
      n += log.entries();
    }
    return n;
  }

  /** Buckets held (tests). */
  int buckets() {
    int n = 0;
    for (BucketTable group : groups) {
      n += group.size();
    }
    return n;
  }
}
