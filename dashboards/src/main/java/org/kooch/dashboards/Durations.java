package org.kooch.dashboards;

import java.time.Duration;

/** Durations as people read them in messages: 250 ms, 20 s, 1.5 s. */
final class Durations {
  private Durations() {}

  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
