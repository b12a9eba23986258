package org.kooch.streaming.state;

/**
 * Rows of {@code width} longs packed in one {@code long[]}, sorted by their first long: a compact
 * Flink state value for a day's observations or posts (no object or map entry per row).
 */
public final class SortedRows {
  private SortedRows() {}

  /** The index of the row whose first long is {@code key}, or {@code -(insertion index) - 1}. */
  public static int find(long[] rows, int width, long key) {
    int lo = 0;
    int hi = rows.length / width - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long k = rows[width * mid];
      if (k < key) {
        lo = mid + 1;
      } else if (k > key) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** A copy with {@code row} (of {@code width} longs) inserted at {@code index}, from {@link #find}'s negative answer. */
  public static long[] insert(long[] rows, int width, int index, long... row) {
    if (row.length != width) {
      throw new IllegalArgumentException("a row of " + row.length + " longs in rows of " + width);
    }
    long[] grown = new long[rows.length + width];
    System.arraycopy(rows, 0, grown, 0, width * index);
    System.arraycopy(row, 0, grown, width * index, width);
    System.arraycopy(rows, width * index, grown, width * index + width, rows.length - width * index);
    return grown;
  }
}
