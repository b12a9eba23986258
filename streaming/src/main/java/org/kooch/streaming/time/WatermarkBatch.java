package org.kooch.streaming.time;

import org.apache.flink.streaming.api.TimerService;

/**
 * Batches a keyed operator's recomputation per watermark: instead of recomputing on every input,
 * the operator registers an event-time timer just past the current watermark and recomputes in
 * {@code onTimer}, once for everything that arrived since the last watermark. Flink keeps one
 * timer per key and timestamp, so a burst of inputs costs one recomputation.
 *
 * <p>In a bounded run (no watermarks until the end of input) the timer fires once, at the end;
 * in a streaming run, at the next watermark (every auto-watermark interval while data flows).
 * Results are the same as recomputing per input, because an operator using this emits what
 * its whole state implies, not what one input changed.
 */
public final class WatermarkBatch {
  private WatermarkBatch() {}

  /** Asks for {@code onTimer} at the next watermark (the end of input, in a bounded run). */
  public static void recomputeAtNextWatermark(TimerService timers) {
    long watermark = timers.currentWatermark();
    timers.registerEventTimeTimer(watermark == Long.MAX_VALUE ? watermark : watermark + 1);
  }
}
