package org.kooch.streaming.clickhouse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Versions for rows that are recomputed (flows, platform days): wall-clock milliseconds, strictly
 * increasing within a JVM, so the latest computation of a row wins in ReplacingMergeTree, also
 * over rows left by an earlier run of older code.
 */
public final class VersionClock {
  private static final AtomicLong LAST = new AtomicLong();

  private VersionClock() {}

  public static long next() {
    return LAST.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1));
  }
}
