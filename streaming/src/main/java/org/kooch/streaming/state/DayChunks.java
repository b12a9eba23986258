package org.kooch.streaming.state;

import org.apache.flink.api.common.state.MapState;

/**
 * A day's rows ({@link SortedRows}, first long the row's id, e.g. a post id) split into chunks
 * by a hash of the id, in a {@code MapState<Long, long[]>}: each event reads and writes one chunk
 * of about 1 KB, however many rows its day has. One {@code long[]} per day would be read,
 * deserialized, copied and written back whole on every event under RocksDB, which makes the work
 * per event grow with the day.
 *
 * <p>Layout. A day has {@code chunks} chunks, a power of two that the caller keeps in the day's
 * own aggregate (a field that reads 0 from state written before it existed: {@link #count} reads
 * that as 1). Chunk {@code c} of day {@code d} is under the key {@code d} for {@code c = 0} and
 * {@code d + (c << 32)} otherwise, so a map whose key is the epoch day and whose value is the day's
 * whole sorted array reads as a one-chunk day. The chunk of a row is {@code mix(id) & (chunks - 1)}:
 * mixed, because ids are often sequential or strided and their low bits alone would fill chunks
 * unevenly. Days lie within ±2^31 of the epoch, so no two (day, chunk) pairs share a key.
 *
 * <p>Growth. When a write leaves a chunk with more than {@code maxRows} rows, the day doubles its
 * chunks: every chunk {@code c} splits into {@code c} and {@code c + chunks} (one more bit of the
 * hash), each chunk read once and two written. The doublings of a day of {@code n} rows cost
 * O(n) in all: amortised O(1) per row. (A chunk far over the bound, a day written as one array,
 * splits by a larger power of two at once.)
 *
 * <p>State values are never changed in place (heap state may hand out the value a checkpoint still
 * holds): callers write a copy ({@link SortedRows#insert}, or a clone) through {@link #put}.
 */
public final class DayChunks {
  /** Longs in a chunk before it splits: 1 KB serialized. */
  static final int MAX_LONGS = 128;

  private static final long[] NONE = new long[0];

  private final MapState<Long, long[]> state;
  private final int width;
  private final int maxRows;

  /** Chunks of about 1 KB of rows of {@code width} longs. */
  public DayChunks(MapState<Long, long[]> state, int width) {
    this(state, width, Math.max(1, MAX_LONGS / width));
  }

  /** Chunks of at most {@code maxRows} rows (until a day doubles its chunks), for tests of the splits. */
  public DayChunks(MapState<Long, long[]> state, int width, int maxRows) {
    if (width < 1 || maxRows < 1) {
      throw new IllegalArgumentException("rows of " + width + " longs, " + maxRows + " rows a chunk");
    }
    this.state = state;
    this.width = width;
    this.maxRows = maxRows;
  }

  /** A day's number of chunks as its aggregate stores it: 0, from state that predates the field, is one chunk. */
  public static int count(int stored) {
    return stored == 0 ? 1 : stored;
  }

  /** The state key of chunk {@code chunk} of {@code day}: the day itself for chunk 0. */
  public static long key(long day, int chunk) {
    return chunk == 0 ? day : day + ((long) chunk << 32);
  }

  /** The chunk of the row {@code id} in a day of {@code chunks} chunks. */
  public static int chunkOf(long id, int chunks) {
    return (int) (mix(id) & (chunks - 1));
  }

  /** A 64-bit mixer (SplitMix64's finalizer): every bit of the id moves every bit of the result. */
  static long mix(long id) {
    long z = id;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The rows of the chunk that holds (or would hold) the row {@code id}, sorted; empty, never null, when none. Not to be changed. */
  public long[] get(long day, int chunks, long id) throws Exception {
    long[] rows = state.get(key(day, chunkOf(id, chunks)));
    return rows == null ? NONE : rows;
  }

  /**
   * Writes {@code rows} (a fresh array, sorted) as the chunk that holds the row {@code id}, and
   * multiplies the day's chunks when that leaves the chunk over the bound: by two, or by more when
   * the chunk holds more than two chunks' worth (a day written as one array, {@link #putAll}).
   *
   * @return the day's number of chunks after the write, for its aggregate
   */
  public int put(long day, int chunks, long id, long[] rows) throws Exception {
    state.put(key(day, chunkOf(id, chunks)), rows);
    int n = rows.length / width;
    if (n <= maxRows) {
      return chunks;
    }
    int factor = 2;
    while (n > (long) factor * maxRows) {
      factor *= 2;
    }
    for (int c = 0; c < chunks; c++) {
      long[] all = state.get(key(day, c));
      if (all != null) {
        split(day, c, chunks, factor, all);
      }
    }
    return chunks * factor;
  }

  /**
   * Splits chunk {@code c} of a day of {@code chunks} chunks into the chunks {@code c + j * chunks},
   * {@code j < factor}, of a day of {@code chunks * factor}: the rows' chunks under the new count.
   * Each part stays sorted.
   */
  private void split(long day, int c, int chunks, int factor, long[] all) throws Exception {
    int n = all.length / width;
    int mask = chunks * factor - 1;
    int[] sizes = new int[factor];
    for (int i = 0; i < n; i++) {
      sizes[(int) (mix(all[i * width]) & mask) / chunks] += width;
    }
    if (sizes[0] == all.length) {
      return; // every row stays: the chunk is unchanged
    }
    long[][] parts = new long[factor][];
    for (int j = 0; j < factor; j++) {
      parts[j] = new long[sizes[j]];
      sizes[j] = 0;
    }
    for (int i = 0; i < n; i++) {
      int j = (int) (mix(all[i * width]) & mask) / chunks;
      System.arraycopy(all, i * width, parts[j], sizes[j], width);
      sizes[j] += width;
    }
    if (parts[0].length == 0) {
      state.remove(key(day, c));
    } else {
      state.put(key(day, c), parts[0]);
    }
    for (int j = 1; j < factor; j++) {
      if (parts[j].length > 0) {
        state.put(key(day, c + j * chunks), parts[j]);
      }
    }
  }

  /**
   * Writes a whole day's sorted rows (as a day kept them in one array) into a day that has no
   * chunks yet, in as many chunks as keep each about within the bound.
   *
   * @return the day's number of chunks
   */
  public int putAll(long day, long[] rows) throws Exception {
    return rows.length == 0 ? 1 : put(day, 1, rows[0], rows);
  }

  /** Removes every chunk of the day. */
  public void remove(long day, int chunks) throws Exception {
    for (int c = 0; c < chunks; c++) {
      state.remove(key(day, c));
    }
  }
}
