package org.kooch.streaming.samecontent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

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

  /** A chunk and how far it is written: its entries end at {@code end}. */
  private static final class Chunk {
    final byte[] bytes;
    int end;

    Chunk(int size) {
      bytes = new byte[size];
    }
  }

  /** The chunks, oldest first; the first one's entries start at {@link #start}, the others' at 0. */
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
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
    Chunk last = chunks.peekLast();
    if (last == null || last.end + length > last.bytes.length) {
      last = new Chunk(Math.max(CHUNK, length));
      chunks.addLast(last);
    }
    post.copyEntry(key, last.bytes, last.end);
    last.end += length;
    entries++;
    bytes += length;
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

  void clear() {
    chunks.clear();
    start = 0;
    entries = 0;
    bytes = 0;
  }

  /** Writes the entries as {@link SameContentStateFormat#writeEntry} would, one after the other. */
  void writeTo(OutputStream out) throws IOException {
    int from = start;
    for (Chunk chunk : chunks) {
      out.write(chunk.bytes, from, chunk.end - from);
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
