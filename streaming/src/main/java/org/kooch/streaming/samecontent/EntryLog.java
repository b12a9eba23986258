package org.kooch.streaming.samecontent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One key group's bucket entries in the form a checkpoint writes them ({@link SameContentStateFormat}:
 * the bucket's key, then the post), appended as the detector keeps them, oldest first. A checkpoint
 * copies the log instead of visiting every bucket and post in the heap, which would take a third of
 * the detector's time: about two million entries, each on cache lines of its own, every 10 s.
 *
 * <p>The log may hold entries the buckets no longer do: posts past the horizon, and the oldest
 * posts of a bucket over its capacity. Restoring applies both rules again, so it gives the buckets
 * back as they were. The sweep drops the entries before the horizon from the front (input arrives
 * roughly in publication order), and the detector rewrites the log from its buckets when it holds
 * more than twice their entries. The log is a queue of 64 KB chunks: appending never copies what
 * it holds, and the sweep lets the chunks it passed go.
 */
final class EntryLog {
  /** Bytes per chunk; an entry (about 110 bytes) never spans two. */
  static final int CHUNK = 1 << 16;

  /** The chunks, oldest first; entries are in {@code [start, ends[0])} of the first, {@code [0, ends[i])} of the others. */
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final ArrayDeque<int[]> ends = new ArrayDeque<>();
  /** Where the entries of the first chunk start. */
  private int start;
  private int entries;
  private long bytes;

  int entries() {
    return entries;
  }

  long bytes() {
    return bytes;
  }

  void append(long key, PostSignature post) {
    int length = post.entryLength();
    int[] end = ends.peekLast();
    if (end == null || end[0] + length > chunks.peekLast().length) {
      chunks.addLast(new byte[Math.max(CHUNK, length)]);
      end = new int[1];
      ends.addLast(end);
    }
    post.copyEntry(key, chunks.peekLast(), end[0]);
    end[0] += length;
    entries++;
    bytes += length;
  }

  /**
   * Drops the entries at the front published before {@code horizon}, up to the first that is not:
   * chunks left behind are let go whole, nothing is copied.
   */
  void dropBefore(long horizon) {
    while (!chunks.isEmpty()) {
      byte[] chunk = chunks.peekFirst();
      int end = ends.peekFirst()[0];
      while (start < end && SameContentStateFormat.publishedAt(chunk, start) < horizon) {
        int length = SameContentStateFormat.entryLength(chunk, start);
        start += length;
        bytes -= length;
        entries--;
      }
      if (start < end) {
        return;
      }
      chunks.removeFirst();
      ends.removeFirst();
      start = 0;
    }
  }

  void clear() {
    chunks.clear();
    ends.clear();
    start = 0;
    entries = 0;
    bytes = 0;
  }

  /** Writes the entries as {@link SameContentStateFormat#writeEntry} would, one after the other. */
  void writeTo(OutputStream out) throws IOException {
    Iterator<int[]> end = ends.iterator();
    int from = start;
    for (byte[] chunk : chunks) {
      int to = end.next()[0];
      out.write(chunk, from, to - from);
      from = 0;
    }
  }

  /** The log's bytes (tests). */
  byte[] toByteArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
