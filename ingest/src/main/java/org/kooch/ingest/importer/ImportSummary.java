package org.kooch.ingest.importer;

/** What one import did: lines read, records published, lines sent to the dead-letter topic. */
public record ImportSummary(String file, long lines, long records, long deadLetters) {
  @Override
  public String toString() {
    return String.format(
        "%s: %,d lines, %,d records published, %,d dead-lettered", file, lines, records, deadLetters);
  }
}
