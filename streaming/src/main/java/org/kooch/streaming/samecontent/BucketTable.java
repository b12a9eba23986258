package org.kooch.streaming.samecontent;

import java.util.ArrayList;
import java.util.List;

/**
 * The same-content detector's buckets of one key group: LSH bucket key to the posts in it, in
 * arrival order. An open-addressing table (linear probing) on primitive keys, with each bucket's
 * oldest and newest publication times and size beside its key on the same cache line: a lookup is
 * a probe of a {@code long[]} instead of a boxed key's node chain, and a sweep reads those times
 * in order, removes in place the buckets whose posts are all older than the horizon, and reads
 * the posts only of a bucket that holds posts on both sides of it. It holds about 1.7 million buckets in the
 * throughput benchmark, where {@link java.util.HashMap} lookups and sweeps would be most of the
 * operator's time.
 */
final class BucketTable {
  private static final int MIN_CAPACITY = 16;
  /** Posts kept per bucket: bounds state for texts many channels repeat. */
  static final int CAPACITY = 64;
  private static final PostSignature[] EMPTY = new PostSignature[0];

  /**
   * Per slot, four longs side by side, so a probe and its update touch one cache line: the key,
   * the bucket's oldest and newest publication times, and its number of posts (0: a free slot).
   */
  private long[] meta;
  private static final int KEY = 0;
  private static final int OLDEST = 1;
  private static final int NEWEST = 2;
  private static final int COUNT = 3;
  private static final int STRIDE = 4;
  /** Each slot's posts, read only when its key matched. */
  private PostSignature[][] posts;
  private int size;
  /** Posts in all buckets, a post in two buckets counted twice. */
  private int entries;

  BucketTable() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    meta = new long[capacity * STRIDE];
    posts = new PostSignature[capacity][];
    size = 0;
    entries = 0;
  }

  int size() {
    return size;
  }

  /** The posts in all buckets (a post in two buckets counts twice). */
  int entries() {
    return entries;
  }

  /** Slots allocated (tests). */
  int capacity() {
    return posts.length;
  }

  private boolean free(int slot) {
    return meta[slot * STRIDE + COUNT] == 0;
  }

  private long key(int slot) {
    return meta[slot * STRIDE + KEY];
  }

  /**
   * The slot of the bucket, or {@code -(free slot) - 1} where {@link #putAt} would add it: one
   * probe for a lookup and the update after it, as long as nothing else changes the table between.
   */
  int find(long key) {
    int mask = posts.length - 1;
    int i = slot(key, mask);
    for (; !free(i); i = (i + 1) & mask) {
      if (key(i) == key) {
        return i;
      }
    }
    return -i - 1;
  }

  /**
   * Reads the bucket's first slot and returns its key: reading the slots of a post's buckets one
   * after the other, before any is used, lets their cache misses overlap (none of the reads waits
   * on another), so the {@link #find}s that follow find them in the cache.
   */
  long touch(long key) {
    return meta[slot(key, posts.length - 1) * STRIDE + KEY];
  }

  /** The posts of a slot {@link #find} returned. */
  PostSignature[] postsAt(int slot) {
    return posts[slot];
  }

  /** Sets the posts (not empty) of the bucket at {@code found}, {@link #find}'s answer for {@code key}. */
  void putAt(int found, long key, PostSignature[] bucket) {
    if (bucket.length == 0) {
      throw new IllegalArgumentException("empty bucket " + key);
    }
    if (found >= 0) {
      set(found, bucket);
      return;
    }
    int i = -found - 1;
    meta[i * STRIDE + KEY] = key;
    set(i, bucket);
    // At most half full: probes stay short.
    if (++size * 2 > posts.length) {
      rehash(posts.length * 2);
    }
  }

  /** The bucket's posts, or null when it holds none. */
  PostSignature[] get(long key) {
    int slot = find(key);
    return slot >= 0 ? posts[slot] : null;
  }

  /** Replaces the bucket's posts (not empty). */
  void put(long key, PostSignature[] bucket) {
    putAt(find(key), key, bucket);
  }

  /** Removes the bucket, if held. */
  void remove(long key) {
    int slot = find(key);
    if (slot >= 0) {
      removeAt(slot);
    }
  }

  /**
   * Empties slot {@code i} (one {@link #find} returned, or a held one), shifting back into it the
   * entries probed past it so lookups still find them.
   */
  void removeAt(int i) {
    int mask = posts.length - 1;
    size--;
    entries -= posts[i].length;
    for (int free = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
      if (free(j)) {
        meta[free * STRIDE + COUNT] = 0;
        posts[free] = null;
        return;
      }
      int home = slot(key(j), mask);
      // Entry j may move to the free slot unless its home lies cyclically in (free, j].
      boolean stays = free <= j ? (free < home && home <= j) : (free < home || home <= j);
      if (!stays) {
        System.arraycopy(meta, j * STRIDE, meta, free * STRIDE, STRIDE);
        posts[free] = posts[j];
        free = j;
      }
    }
  }

  /**
   * Drops the posts published before {@code horizon}, and the buckets left empty, in place: one
   * pass over the slots, reading the posts only of buckets that hold some older than the horizon.
   * The table keeps its capacity (it grows back to it by the next sweep; shrinking and doubling
   * again would rehash every bucket each day), unless it is left mostly empty.
   */
  void retainFrom(long horizon) {
    int mask = posts.length - 1;
    // Start after a free slot (there is one: the table is at most half full), so no probe chain
    // wraps past the pass's start: a removal moves entries back only from slots not yet passed.
    int start = 0;
    while (!free(start)) {
      start++;
    }
    for (int i = (start + 1) & mask; i != start; ) {
      if (!free(i) && meta[i * STRIDE + OLDEST] < horizon) {
        if (meta[i * STRIDE + NEWEST] < horizon) {
          removeAt(i);
          continue; // slot i may hold an entry moved back into it
        }
        set(i, publishedFrom(posts[i], horizon));
      }
      i = (i + 1) & mask;
    }
    int fit = Math.max(MIN_CAPACITY, Integer.highestOneBit(size * 2 + 1) << 1);
    if (fit * 4 <= posts.length) {
      rehash(fit);
    }
  }

  /** Moves the buckets into a table of {@code capacity} slots. */
  private void rehash(int capacity) {
    long[] oldMeta = meta;
    PostSignature[][] oldPosts = posts;
    int live = size;
    int held = entries;
    allocate(capacity);
    int mask = capacity - 1;
    for (int i = 0; i < oldPosts.length; i++) {
      if (oldMeta[i * STRIDE + COUNT] != 0) {
        int j = slot(oldMeta[i * STRIDE + KEY], mask);
        while (!free(j)) {
          j = (j + 1) & mask;
        }
        System.arraycopy(oldMeta, i * STRIDE, meta, j * STRIDE, STRIDE);
        posts[j] = oldPosts[i];
      }
    }
    size = live;
    entries = held;
  }

  /** Calls {@code visitor} with each bucket, in no particular order. */
  <E extends Exception> void forEach(Visitor<E> visitor) throws E {
    for (int i = 0; i < posts.length; i++) {
      if (!free(i)) {
        visitor.visit(key(i), posts[i]);
      }
    }
  }

  interface Visitor<E extends Exception> {
    void visit(long key, PostSignature[] posts) throws E;
  }

  private void set(int slot, PostSignature[] bucket) {
    entries += bucket.length - (int) meta[slot * STRIDE + COUNT];
    posts[slot] = bucket;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (PostSignature p : bucket) {
      min = Math.min(min, p.publishedAt);
      max = Math.max(max, p.publishedAt);
    }
    meta[slot * STRIDE + OLDEST] = min;
    meta[slot * STRIDE + NEWEST] = max;
    meta[slot * STRIDE + COUNT] = bucket.length;
  }

  /** The posts published at or after the horizon: {@code posts} itself when that is all of them. */
  static PostSignature[] publishedFrom(PostSignature[] posts, long horizon) {
    return kept(posts, horizon, null);
  }

  /**
   * The posts at or after the horizon, plus {@code added} (null: none); a full bucket (a text
   * many channels repeat) keeps its newest {@link #CAPACITY}.
   */
  static PostSignature[] kept(PostSignature[] posts, long horizon, PostSignature added) {
    if (added == null && allAtOrAfter(posts, horizon)) {
      return posts;
    }
    List<PostSignature> kept = new ArrayList<>(posts.length + 1);
    for (PostSignature q : posts) {
      if (q.publishedAt >= horizon) {
        kept.add(q);
      }
    }
    if (added != null) {
      kept.add(added);
    }
    if (kept.size() > CAPACITY) {
      kept.sort((a, b) -> Long.compare(b.publishedAt, a.publishedAt));
      kept = kept.subList(0, CAPACITY);
    }
    return kept.toArray(EMPTY);
  }

  private static boolean allAtOrAfter(PostSignature[] posts, long horizon) {
    for (PostSignature q : posts) {
      if (q.publishedAt < horizon) {
        return false;
      }
    }
    return true;
  }

  /** Bucket keys are band hashes, but their low bits also chose the key group: mix them again. */
  static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
