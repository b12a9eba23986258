package org.kooch.ingest.importer;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that keeps the text it has handed out, from a moving mark on, so a row's exact text can
 * be cut out afterwards by the character offsets the CSV parser reports. The parser reads ahead in
 * blocks; what is kept is the current row and one block, never the whole file.
 */
final class RecordingReader extends Reader {
  private final Reader in;
  private final StringBuilder kept = new StringBuilder();
  private long keptFrom;

  RecordingReader(Reader in) {
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      kept.append(buffer, offset, n);
    }
    return n;
  }

  /** Characters handed out so far: the offset of the end of the input once it is exhausted. */
  long position() {
    return keptFrom + kept.length();
  }

  /** The text between two character offsets, both at or after the last {@link #forgetBefore}. */
  String text(long from, long to) {
    return kept.substring((int) (from - keptFrom), (int) (to - keptFrom));
  }

  /** Drops the text before {@code offset}: no row that starts earlier will be asked for again. */
  void forgetBefore(long offset) {
    kept.delete(0, (int) (offset - keptFrom));
    keptFrom = offset;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
