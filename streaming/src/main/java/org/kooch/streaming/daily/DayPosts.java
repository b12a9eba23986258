package org.kooch.streaming.daily;

import org.kooch.streaming.state.SortedRows;

/**
 * Posts a channel published on one day, as Flink state: sorted {postId, views, collectedAt}
 * triples in one {@code long[]}, one chunk of the day ({@link org.kooch.streaming.state.DayChunks})
 * (24 bytes a post, against about 100 for a map entry of objects, which matters in a backfill:
 * every post of every open day is held until the end of input).
 */
final class DayPosts {
  static final int WIDTH = 3;

  private DayPosts() {}

  /** The post's index, or {@code -(insertion index) - 1}. */
  static int find(long[] posts, long postId) {
    return SortedRows.find(posts, WIDTH, postId);
  }

  /** A copy with the post inserted at {@code index} (from {@link #find}'s negative answer). */
  static long[] insert(long[] posts, int index, long postId, long views, long collectedAt) {
    return SortedRows.insert(posts, WIDTH, index, postId, views, collectedAt);
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
