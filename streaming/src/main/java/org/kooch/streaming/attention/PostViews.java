package org.kooch.streaming.attention;

import org.kooch.streaming.state.SortedRows;

/**
 * The posts a channel published on one day and what is known of their views, as Flink state:
 * sorted rows of {@value #WIDTH} longs in one {@code long[]} (64 bytes a post). Per post it keeps
 * only what its two figures need, so a post collected a hundred times costs no more than one:
 *
 * <ul>
 *   <li>the latest collection (time and views): the views as last observed;
 *   <li>the last collection at or before {@link #MARK_MS} (24 h) of age and the first after it:
 *       the views at 24 h ({@link #viewsAt24h}).
 * </ul>
 *
 * Every update keeps the same observation whatever the order of arrival (ties keep more views), so
 * a replay or a late collection gives the same answer.
 */
final class PostViews {
  static final int WIDTH = 8;
  /** The age at which posts are compared: 24 hours. */
  static final long MARK_MS = 24 * 3_600_000L;
  /** How far from the mark an observation may be and still take part in the interpolation: 6 hours. */
  static final long TOLERANCE_MS = 6 * 3_600_000L;
  /** {@link #viewsAt24h}: not measured. */
  static final long NOT_MEASURED = Long.MIN_VALUE;

  private static final int POST_ID = 0;
  private static final int PUBLISHED = 1;
  private static final int LAST_AT = 2;
  private static final int LAST_VIEWS = 3;
  private static final int BEFORE_AGE = 4;
  private static final int BEFORE_VIEWS = 5;
  private static final int AFTER_AGE = 6;
  private static final int AFTER_VIEWS = 7;
  private static final long NONE_BEFORE = Long.MIN_VALUE;
  private static final long NONE_AFTER = Long.MAX_VALUE;

  private PostViews() {}

  static int find(long[] posts, long postId) {
    return SortedRows.find(posts, WIDTH, postId);
  }

  /** A copy with a post that has no view count yet inserted at {@code index} (from {@link #find}'s negative answer). */
  static long[] insert(long[] posts, int index, long postId, long publishedAt) {
    return SortedRows.insert(posts, WIDTH, index, postId, publishedAt, Long.MIN_VALUE, PostObservation.UNKNOWN,
        NONE_BEFORE, 0, NONE_AFTER, 0);
  }

  /**
   * Folds one collection of the post at {@code index} into {@code posts}, in place. True when
   * anything changed.
   */
  static boolean observe(long[] posts, int index, long collectedAt, long views) {
    int at = WIDTH * index;
    boolean changed = false;
    if (collectedAt > posts[at + LAST_AT] || (collectedAt == posts[at + LAST_AT] && views > posts[at + LAST_VIEWS])) {
      posts[at + LAST_AT] = collectedAt;
      posts[at + LAST_VIEWS] = views;
      changed = true;
    }
    long age = collectedAt - posts[at + PUBLISHED];
    if (age <= MARK_MS) {
      if (age > posts[at + BEFORE_AGE] || (age == posts[at + BEFORE_AGE] && views > posts[at + BEFORE_VIEWS])) {
        posts[at + BEFORE_AGE] = age;
        posts[at + BEFORE_VIEWS] = views;
        changed = true;
      }
    } else if (age < posts[at + AFTER_AGE] || (age == posts[at + AFTER_AGE] && views > posts[at + AFTER_VIEWS])) {
      posts[at + AFTER_AGE] = age;
      posts[at + AFTER_VIEWS] = views;
      changed = true;
    }
    return changed;
  }

  static int size(long[] posts) {
    return posts.length / WIDTH;
  }

  /** The views last observed, or {@link PostObservation#UNKNOWN} when no collection had a count. */
  static long lastViews(long[] posts, int index) {
    return posts[WIDTH * index + LAST_VIEWS];
  }

  /** True when no collection had a count, or the latest was made before the post was 24 h old: it may still be measured. */
  static boolean under24h(long[] posts, int index) {
    int at = WIDTH * index;
    return posts[at + LAST_VIEWS] == PostObservation.UNKNOWN || posts[at + LAST_AT] - posts[at + PUBLISHED] < MARK_MS;
  }

  /**
   * The post's views at 24 h of age: the count collected at exactly 24 h, or else the straight
   * line between the last collection before and the first after, when both lie within
   * {@link #TOLERANCE_MS} of the mark (rounded to the nearest view). {@link #NOT_MEASURED}
   * otherwise: never extrapolated, never read off a collection far from the mark.
   */
  static long viewsAt24h(long[] posts, int index) {
    int at = WIDTH * index;
    long beforeAge = posts[at + BEFORE_AGE];
    long afterAge = posts[at + AFTER_AGE];
    if (beforeAge == MARK_MS) {
      return posts[at + BEFORE_VIEWS];
    }
    if (beforeAge == NONE_BEFORE || afterAge == NONE_AFTER || beforeAge < MARK_MS - TOLERANCE_MS || afterAge > MARK_MS + TOLERANCE_MS) {
      return NOT_MEASURED;
    }
    long before = posts[at + BEFORE_VIEWS];
    long after = posts[at + AFTER_VIEWS];
    double fraction = (double) (MARK_MS - beforeAge) / (afterAge - beforeAge);
    return before + Math.round((after - before) * fraction);
  }
}
