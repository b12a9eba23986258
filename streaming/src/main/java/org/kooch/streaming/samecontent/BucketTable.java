package org.kooch.streaming.samecontent;

import java.util.ArrayList;
import java.util.List;

/**
 * The same-content detector's buckets of one key group: LSH bucket key to the posts in it, in
 * arrival order. An open-addressing table (linear probing) on primitive keys, with each bucket's
 * oldest and newest publication times beside its key: a lookup is a probe of a {@code long[]} instead of a
 * boxed key's node chain, and a sweep reads those times in order, removes in place the buckets
 * whose posts are all older than the horizon, and reads the posts only of a bucket that holds
 * posts on both sides of it. It holds about 1.7 million buckets in the
 * throughput benchmark, where {@link java.util.HashMap} lookups and sweeps would be most of the
 * operator's time.
 */
final class BucketTable {
  private static final int MIN_CAPACITY = 16;
  /** Posts kept per bucket: bounds state for texts many channels repeat. */
  static final int CAPACITY = 64;
  private static final PostSignature[] EMPTY = new PostSignature[0];

  private long[] keys;
  private long[] oldest;
  private long[] newest;
  /** null: a free slot. */
  private PostSignature[][] posts;
  private int size;
  /** Posts in all buckets, a post in two buckets counted twice. */
  private int entries;

  BucketTable() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    oldest = new long[capacity];
    newest = new long[capacity];
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
    return keys.length;
  }

  /** The bucket's posts, or null when it holds none. */
  PostSignature[] get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); posts[i] != null; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return posts[i];
      }
    }
    return null;
  }

  /** Replaces the bucket's posts (not empty). */
  void put(long key, PostSignature[] bucket) {
    if (bucket.length == 0) {
      throw new IllegalArgumentException("empty bucket " + key);
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    for (; posts[i] != null; i = (i + 1) & mask) {
      if (keys[i] == key) {
        set(i, bucket);
        return;
      }
    }
    keys[i] = key;
    set(i, bucket);
    // At most half full: probes stay short.
    if (++size * 2 > keys.length) {
      rehash(keys.length * 2);
    }
  }

  /** Removes the bucket, shifting back the entries probed past it so lookups still find them. */
  void remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (posts[i] != null && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (posts[i] != null) {
      removeAt(i);
    }
  }

  /** Empties slot {@code i}, moving back into it the entries of its probe chain that may move. */
  private void removeAt(int i) {
    int mask = keys.length - 1;
    size--;
    entries -= posts[i].length;
    for (int free = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
      if (posts[j] == null) {
        posts[free] = null;
        return;
      }
      int home = slot(keys[j], mask);
      // Entry j may move to the free slot unless its home lies cyclically in (free, j].
      boolean stays = free <= j ? (free < home && home <= j) : (free < home || home <= j);
      if (!stays) {
        keys[free] = keys[j];
        oldest[free] = oldest[j];
        newest[free] = newest[j];
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
    int mask = keys.length - 1;
    // Start after a free slot (there is one: the table is at most half full), so no probe chain
    // wraps past the pass's start: a removal moves entries back only from slots not yet passed.
    int start = 0;
    while (posts[start] != null) {
      start++;
    }
    for (int i = (start + 1) & mask; i != start; ) {
      if (posts[i] != null && oldest[i] < horizon) {
        if (newest[i] < horizon) {
          removeAt(i);
          continue; // slot i may hold an entry moved back into it
        }
        set(i, publishedFrom(posts[i], horizon));
      }
      i = (i + 1) & mask;
    }
    int fit = Math.max(MIN_CAPACITY, Integer.highestOneBit(size * 2 + 1) << 1);
    if (fit * 4 <= keys.length) {
      rehash(fit);
    }
  }

  /** Moves the buckets into a table of {@code capacity} slots. */
  private void rehash(int capacity) {
    long[] oldKeys = keys;
    long[] oldOldest = oldest;
    long[] oldNewest = newest;
    PostSignature[][] oldPosts = posts;
    int live = size;
    allocate(capacity);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldPosts[i] != null) {
        int j = slot(oldKeys[i], mask);
        while (posts[j] != null) {
          j = (j + 1) & mask;
        }
        keys[j] = oldKeys[i];
        posts[j] = oldPosts[i];
        entries += oldPosts[i].length;
        oldest[j] = oldOldest[i];
        newest[j] = oldNewest[i];
      }
    }
    size = live;
  }

  /** Calls {@code visitor} with each bucket, in no particular order. */
  <E extends Exception> void forEach(Visitor<E> visitor) throws E {
    for (int i = 0; i < keys.length; i++) {
      if (posts[i] != null) {
        visitor.visit(keys[i], posts[i]);
      }
    }
  }

  interface Visitor<E extends Exception> {
    void visit(long key, PostSignature[] posts) throws E;
  }

  private void set(int slot, PostSignature[] bucket) {
    entries += bucket.length - (posts[slot] == null ? 0 : posts[slot].length);
    posts[slot] = bucket;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (PostSignature p : bucket) {
      min = Math.min(min, p.publishedAt);
      max = Math.max(max, p.publishedAt);
    }
    oldest[slot] = min;
    newest[slot] = max;
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
