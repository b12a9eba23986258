package org.kooch.streaming.samecontent;

import java.util.ArrayList;
import java.util.List;

/**
 * The same-content detector's buckets of one key group: LSH bucket key to the posts in it, in
 * arrival order. An open-addressing table (linear probing) on primitive keys, with each bucket's
 * oldest and newest publication times beside its key: a lookup is a probe of a {@code long[]} instead of a
 * boxed key's node chain, and a sweep reads those times in order, rebuilds the table only when some
 * bucket holds a post older than the horizon, and reads the posts only of a bucket that holds
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
      rehash(Long.MIN_VALUE);
    }
  }

  /** Removes the bucket, shifting back the entries probed past it so lookups still find them. */
  void remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (posts[i] != null && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (posts[i] == null) {
      return;
    }
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
   * Drops the posts published before {@code horizon}, and the buckets left empty; a table with
   * nothing that old is left as it is.
   */
  void retainFrom(long horizon) {
    for (int i = 0; i < keys.length; i++) {
      if (posts[i] != null && oldest[i] < horizon) {
        rehash(horizon);
        return;
      }
    }
  }

  /**
   * Moves the buckets into a table sized for them, keeping the posts published at or after
   * {@code horizon}: only the buckets whose oldest post is older are filtered.
   */
  private void rehash(long horizon) {
    long[] oldKeys = keys;
    long[] oldOldest = oldest;
    long[] oldNewest = newest;
    PostSignature[][] oldPosts = posts;
    int live = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldPosts[i] == null || oldOldest[i] >= horizon) {
        // Free, or nothing to drop.
      } else if (oldNewest[i] < horizon) {
        oldPosts[i] = null;
      } else {
        oldPosts[i] = publishedFrom(oldPosts[i], horizon);
        oldOldest[i] = oldestOf(oldPosts[i]);
      }
      live += oldPosts[i] == null ? 0 : 1;
    }
    int fit = Math.max(MIN_CAPACITY, Integer.highestOneBit(live * 2 + 1) << 1);
    // A sweep keeps the capacity the table grew to: it grows back to it by the next sweep, and
    // growing again, one rehash per doubling, would take a fifth of the detector's time. A table
    // left mostly empty shrinks.
    allocate(horizon == Long.MIN_VALUE || fit * 4 <= oldKeys.length ? fit : oldKeys.length);
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

  private static long oldestOf(PostSignature[] bucket) {
    long min = Long.MAX_VALUE;
    for (PostSignature p : bucket) {
      min = Math.min(min, p.publishedAt);
    }
    return min;
  }

  /** Bucket keys are band hashes, but their low bits also chose the key group: mix them again. */
  static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
