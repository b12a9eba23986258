package org.kooch.streaming.samecontent;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

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
 * more than twice their entries.
 */
final class EntryLog {
  private byte[] bytes = new byte[1 << 10];
  /** Entries are in {@code [start, end)}. */
  private int start;
  private int end;
  private int entries;

  int entries() {
    return entries;
  }

  int bytes() {
    return end - start;
  }

  void append(long key, PostSignature post) {
    int length = post.entryLength();
    if (end + length > bytes.length) {
      grow(length);
    }
    post.copyEntry(key, bytes, end);
    end += length;
    entries++;
  }

  /** Drops the entries at the front published before {@code horizon}, up to the first that is not. */
  void dropBefore(long horizon) {
    while (start < end && SameContentStateFormat.publishedAt(bytes, start) < horizon) {
      start += SameContentStateFormat.entryLength(bytes, start);
      entries--;
    }
    if (start == end) {
      clear();
    }
  }

  void clear() {
    start = 0;
    end = 0;
    entries = 0;
    if (bytes.length > 1 << 20) {
      bytes = new byte[1 << 10];
    }
  }

  /** Writes the entries as {@link SameContentStateFormat#writeEntry} would, one after the other. */
  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, start, end - start);
  }

  private void grow(int length) {
    int live = end - start;
    int needed = live + length;
    if (needed <= bytes.length / 2) {
      // Room enough once the dropped front is gone.
      System.arraycopy(bytes, start, bytes, 0, live);
    } else {
      byte[] grown = new byte[Math.max(needed, bytes.length * 2)];
      System.arraycopy(bytes, start, grown, 0, live);
      bytes = grown;
    }
    start = 0;
    end = live;
  }

  /** The log's bytes (tests). */
  byte[] toByteArray() {
    return Arrays.copyOfRange(bytes, start, end);
  }
}
