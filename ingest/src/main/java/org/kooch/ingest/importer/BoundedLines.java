package org.kooch.ingest.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * The lines of a byte stream, each kept as the bytes it was written in and at most {@code
 * maxBytes} of them: a line longer than that is read to its end but not held, so one runaway line
 * cannot exhaust the heap and the lines after it are still read. Lines end at {@code \n}; a
 * {@code \r} before it is dropped.
 */
final class BoundedLines {
  /** One line: its number, its bytes (all of them, or its first {@code maxBytes}), its length. */
  record Line(long number, byte[] bytes, long length) {
    boolean cut() {
      return length > bytes.length;
    }

    /** The line as text, or an exception naming the first byte that is not UTF-8. */
    String text() throws CharacterCodingException {
      return Utf8.decode(bytes);
    }
  }

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private long lineNumber;
  private long bytesRead;
  private byte[] line = new byte[1024];

  BoundedLines(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** Bytes consumed so far, line ends included. */
  long bytesRead() {
    return bytesRead;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    int kept = 0;
    long length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          return finish(kept, length);
        }
      }
      any = true;
      int start = position;
      int end = start;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      int n = end - start;
      int room = Math.min(n, maxBytes - kept);
      if (room > 0) {
        if (kept + room > line.length) {
          line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(kept + room, line.length * 2)));
        }
        System.arraycopy(buffer, start, line, kept, room);
        kept += room;
      }
      length += n;
      bytesRead += n;
      if (end < limit) {
        position = end + 1;
        bytesRead++;
        return finish(kept, length);
      }
      position = limit;
    }
  }

  private Line finish(int kept, long length) {
    lineNumber++;
    if (length == kept && kept > 0 && line[kept - 1] == '\r') {
      kept--;
      length--;
    }
    return new Line(lineNumber, Arrays.copyOf(line, kept), length);
  }
}
