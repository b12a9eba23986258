package org.kooch.ingest.importer;

/**
 * What one import did: units read (lines, rows or messages), records published, inputs sent to
 * the dead-letter topic, and inputs skipped on purpose (such as Telegram service messages).
 */
public record ImportSummary(
    String file, String unit, long read, long records, long deadLetters, long skipped, String skippedWhat) {

  /** A line-based import (JSON Lines), which skips nothing but blank lines. */
  public ImportSummary(String file, long lines, long records, long deadLetters) {
    this(file, "lines", lines, records, deadLetters, 0, "");
  }

  @Override
  public String toString() {
    String s =
        String.format(
            "%s: %,d %s, %,d records published, %,d dead-lettered", file, read, unit, records, deadLetters);
    return skipped > 0 ? s + String.format(", %,d skipped (%s)", skipped, skippedWhat) : s;
  }
}
