package org.kooch.streaming.samecontent;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One key group's bucket entries in the form a checkpoint stores them ({@link SameContentStateFormat}:
 * the bucket's key, then the post), appended as the detector keeps them, oldest first, in chunks of
 * about 64 KB numbered in order. A checkpoint stores the chunks, not the buckets: visiting every
 * bucket and post in the heap would take a third of the detector's time (about two million
 * entries, each on cache lines of its own, every 10 s). It stores only what changed since the last
 * one ({@link #syncTo}): the chunks filled since, a copy of the one being written, and the removal
 * of the chunks let go. A chunk, once full, is never written again, so a full chunk is stored as
 * the array the log holds, and RocksDB's incremental checkpoints upload each chunk once.
 *
 * <p>The log may hold entries the buckets no longer do: posts past the horizon, and the oldest
 * posts of a bucket over its capacity. Restoring applies both rules again, so it gives the buckets
 * back as they were. The sweep drops the entries before the horizon from the front (input arrives
 * roughly in publication order), and the detector rewrites the log from its buckets when it holds
 * more than twice their entries. Appending never copies what the log holds, and the sweep lets the
 * chunks it passed go.
 */
final class EntryLog {
  /** Bytes per chunk; an entry (about 110 bytes) never spans two. */
  static final int CHUNK = 1 << 16;

  /** Where a checkpoint keeps a log's chunks, by number. */
  interface ChunkStore {
    void put(long number, byte[] chunk) throws Exception;

    void remove(long number) throws Exception;
  }

  /** A chunk, its number, and how far it is written: its entries end at {@code end}. */
  private static final class Chunk {
    final long number;
    byte[] bytes;
    int end;

    Chunk(long number, byte[] bytes) {
      this.number = number;
      this.bytes = bytes;
    }

    /** No entry fits any more: the array is cut to the entries, which are never changed again. */
    void close() {
      if (end < bytes.length) {
        bytes = Arrays.copyOf(bytes, end);
      }
    }

    boolean closed() {
      return end == bytes.length;
    }
  }

  /** The chunks, oldest first; the first one's entries start at {@link #start}, the others' at 0. */
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  private int start;
  private int entries;
  private long bytes;
  /** The number of the next chunk. */
  private long next;
  /** The store holds chunks numbered from {@code storedFrom} up to, not including, {@code storedTo}. */
  private long storedFrom;
  private long storedTo;
  /** The open chunk the store holds a copy of (-1: none), and how far it was written then. */
  private long storedOpen = -1;
  private int storedOpenEnd;

  int entries() {
    return entries;
  }

  long bytes() {
    return bytes;
  }

  void append(long key, PostSignature post) {
    int length = post.entryLength();
    Chunk last = chunks.peekLast();
    if (last == null || last.end + length > last.bytes.length) {
      if (last != null) {
        last.close();
      }
      last = new Chunk(next++, new byte[Math.max(CHUNK, length)]);
      chunks.addLast(last);
    }
    post.copyEntry(key, last.bytes, last.end);
    last.end += length;
    entries++;
    bytes += length;
  }

  /**
   * Takes back a chunk a checkpoint stored ({@code entries} entries), after those this log holds,
   * as the store holds it: restored chunks are not stored again.
   */
  void restore(long number, byte[] chunk, int entries) {
    if (number < next || storedTo != next) {
      throw new IllegalStateException("chunk " + number + " restored after chunk " + (next - 1) + " or after appended ones");
    }
    Chunk c = new Chunk(number, chunk);
    c.end = chunk.length;
    if (chunks.isEmpty()) {
      storedFrom = number;
    }
    chunks.addLast(c);
    this.entries += entries;
    bytes += chunk.length;
    next = number + 1;
    storedTo = next;
  }

  /**
   * Drops the entries at the front published before {@code horizon}, up to the first that is not:
   * chunks left behind are let go whole, nothing is copied.
   */
  void dropBefore(long horizon) {
    while (!chunks.isEmpty()) {
      Chunk first = chunks.peekFirst();
      while (start < first.end && SameContentStateFormat.publishedAt(first.bytes, start) < horizon) {
        int length = SameContentStateFormat.entryLength(first.bytes, start);
        start += length;
        bytes -= length;
        entries--;
      }
      if (start < first.end) {
        return;
      }
      chunks.removeFirst();
      start = 0;
    }
  }

  /** Lets every entry go; the chunks appended next are numbered after those let go. */
  void clear() {
    chunks.clear();
    start = 0;
    entries = 0;
    bytes = 0;
  }

  /**
   * Brings {@code store} to this log's chunks: removes those the log let go, puts those filled
   * since the last call, and a copy of the open one when it grew. The entries before the first
   * chunk's start stay in the store until that chunk goes (a restore drops them by the horizon).
   */
  void syncTo(ChunkStore store) throws Exception {
    long first = chunks.isEmpty() ? next : chunks.peekFirst().number;
    for (long n = storedFrom; n < Math.min(storedTo, first); n++) {
      store.remove(n);
    }
    for (Chunk c : chunks) {
      boolean stored = c.number < storedTo && c.number != storedOpen;
      if (stored) {
        continue;
      }
      if (c.closed()) {
        store.put(c.number, c.bytes);
      } else if (c.number != storedOpen || c.end != storedOpenEnd) {
        store.put(c.number, Arrays.copyOf(c.bytes, c.end));
      }
    }
    Chunk last = chunks.peekLast();
    boolean open = last != null && !last.closed();
    storedOpen = open ? last.number : -1;
    storedOpenEnd = open ? last.end : 0;
    storedFrom = first;
    storedTo = next;
  }

  /** The log's bytes, as the entries were written one after the other (tests). */
  byte[] toByteArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = start;
    for (Chunk chunk : chunks) {
      out.write(chunk.bytes, from, chunk.end - from);
      from = 0;
    }
    return out.toByteArray();
  }
}
