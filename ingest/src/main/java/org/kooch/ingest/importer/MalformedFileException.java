package org.kooch.ingest.importer;

import java.io.IOException;

/**
 * A file whose structure is broken (a CSV header with unknown columns, an unclosed quote, a
 * truncated export), so reading cannot go on. Unlike a bad record, which is dead-lettered and
 * skipped, this stops the import loudly; the message names the file and line.
 */
public class MalformedFileException extends IOException {
  public MalformedFileException(String message) {
    super(message);
  }

  public MalformedFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
