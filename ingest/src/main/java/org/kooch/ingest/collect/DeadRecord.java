package org.kooch.ingest.collect;

import java.nio.charset.StandardCharsets;

/**
 * Input a collector refused: where it was (a URL, a URL#post), why, and the raw bytes as
 * received, so it can be inspected or replayed from the dead-letter topic.
 */
public record DeadRecord(String location, String reason, byte[] raw) {
  public static DeadRecord of(String location, String reason, String raw) {
    return new DeadRecord(location, reason, raw.getBytes(StandardCharsets.UTF_8));
  }
}
