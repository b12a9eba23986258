package org.kooch.ingest.importer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kooch.schemas.DeadLetters;

/**
 * Reads back, in one pass over a file, the bytes of some of its line ranges exactly as they are
 * on disk: what a decoder that replaced bad bytes no longer has. Each range keeps at most a dead
 * letter's worth of bytes, and its whole length.
 */
final class OriginalLines {
  /** Lines {@code first} to {@code first + count - 1}, numbered from 1. */
  record Range(long first, int count) {
    long last() {
      return first + count - 1;
    }
  }

  /** A range's bytes (all, or the first {@link DeadLetters#RAW_PREFIX_BYTES}) and whole length. */
  record Bytes(byte[] bytes, long length) {}

  private OriginalLines() {}

  static Map<Range, Bytes> read(Path file, List<Range> ranges) throws IOException {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(Range::first));
    Map<Range, Bytes> found = new LinkedHashMap<>();
    if (sorted.isEmpty()) {
      return found;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long line = 1;
      int next = 0;
      Buffer open = null;
      int b;
      while (next < sorted.size() && (b = in.read()) >= 0) {
        Range r = sorted.get(next);
        if (open == null && line == r.first()) {
          open = new Buffer();
        }
        boolean lineEnd = b == '\n';
        if (open != null && !(lineEnd && line == r.last())) {
          open.add(b);
        }
        if (lineEnd) {
          if (open != null && line == r.last()) {
            found.put(r, open.done());
            open = null;
            next++;
            // Several ranges may start on the same line only if they are the same row.
            while (next < sorted.size() && sorted.get(next).first() <= line) {
              found.put(sorted.get(next), found.get(r));
              next++;
            }
          }
          line++;
        }
      }
      if (open != null) {
        found.put(sorted.get(next), open.done());
      }
    }
    return found;
  }

  /** The bytes of one range as they are read, keeping only a dead letter's worth. */
  private static final class Buffer {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long length;

    void add(int b) {
      if (kept.size() < DeadLetters.RAW_PREFIX_BYTES) {
        kept.write(b);
      }
      length++;
    }

    Bytes done() {
      byte[] bytes = kept.toByteArray();
      // The row's own line break belongs to the file, not to the row.
      if (length == bytes.length && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
        return new Bytes(Arrays.copyOf(bytes, bytes.length - 1), length - 1);
      }
      return new Bytes(bytes, length);
    }
  }
}
