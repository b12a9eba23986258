package org.kooch.streaming.daily;

/**
 * The posts a channel published on one day, as Flink state: sorted {postId, views, collectedAt}
 * triples in one {@code long[]} (24 bytes a post, against about 100 for a map entry of objects,
 * which matters in a backfill: every post of every open day is held until the end of input).
 */
final class DayPosts {
  static final int WIDTH = 3;

  private DayPosts() {}

  /** The post's index, or {@code -(insertion index) - 1}. */
  static int find(long[] posts, long postId) {
    int lo = 0;
    int hi = posts.length / WIDTH - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long id = posts[WIDTH * mid];
      if (id < postId) {
        lo = mid + 1;
      } else if (id > postId) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** A copy with the post inserted at {@code index} (from {@link #find}'s negative answer). */
  static long[] insert(long[] posts, int index, long postId, long views, long collectedAt) {
    long[] grown = new long[posts.length + WIDTH];
    System.arraycopy(posts, 0, grown, 0, WIDTH * index);
    grown[WIDTH * index] = postId;
    grown[WIDTH * index + 1] = views;
    grown[WIDTH * index + 2] = collectedAt;
    System.arraycopy(posts, WIDTH * index, grown, WIDTH * index + WIDTH, posts.length - WIDTH * index);
    return grown;
  }

  static long views(long[] posts, int index) {
    return posts[WIDTH * index + 1];
  }

  static long collectedAt(long[] posts, int index) {
    return posts[WIDTH * index + 2];
  }

  static void update(long[] posts, int index, long views, long collectedAt) {
    posts[WIDTH * index + 1] = views;
    posts[WIDTH * index + 2] = collectedAt;
  }
}
