package org.kooch.ingest.collect;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one round over the channels did: records and dead letters published, and which channels failed why. */
public final class RoundSummary {
  private final Map<String, String> failures = new LinkedHashMap<>();
  private int succeeded;
  private long records;
  private long deadLetters;

  void succeeded(long recordCount, long deadCount) {
    succeeded++;
    records += recordCount;
    deadLetters += deadCount;
  }

  void failed(String channel, String reason) {
    failures.put(channel, reason);
  }

  public int succeeded() {
    return succeeded;
  }

  public Map<String, String> failures() {
    return failures;
  }

  public boolean anyFailed() {
    return !failures.isEmpty();
  }

  @Override
  public String toString() {
    return String.format(
        "%d of %d channels collected, %,d records published, %,d dead-lettered%s",
        succeeded,
        succeeded + failures.size(),
        records,
        deadLetters,
        failures.isEmpty() ? "" : ", failed: " + String.join(", ", failures.keySet()));
  }
}
