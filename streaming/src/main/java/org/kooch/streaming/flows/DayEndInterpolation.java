package org.kooch.streaming.flows;

import java.util.Map;
import java.util.NavigableMap;

/**
 * The count at one instant from irregular observations: linear interpolation between the nearest
 * observations before and after, using exact counters when there is one before the instant (the
 * last exact one is carried when no exact one follows) and rounded ones otherwise; with no
 * observation after at all, the last one is used only if it is recent ({@link #MAX_CARRY_MS}).
 */
public final class DayEndInterpolation {
  /** Observations further than this from the instant are not used. */
  public static final long WINDOW_MS = 2 * 86_400_000L;
  /** With no observation after the instant, the last one is used only if at most this old. */
  public static final long MAX_CARRY_MS = 6 * 3_600_000L;

  private DayEndInterpolation() {}

  /**
   * {value, uncertainty} at {@code instant}, or null when no observation lies within the window
   * before it (a channel is not assumed to exist before it was first seen).
   */
  public static double[] at(long instant, NavigableMap<Long, Long> observations) {
    NavigableMap<Long, Long> near = observations.subMap(instant - WINDOW_MS, true, instant + WINDOW_MS, true);
    if (near.ceilingEntry(instant) == null) {
      // Nothing after: the channel went quiet or the data ends here. A flat carried count would
      // read as a loss against the trend (a flow out of nowhere): only a recent one is used.
      Map.Entry<Long, Long> last = near.floorEntry(instant);
      return last == null || instant - last.getKey() > MAX_CARRY_MS ? null : value(last);
    }
    NavigableMap<Long, Long> exact = new java.util.TreeMap<>();
    for (Map.Entry<Long, Long> e : near.entrySet()) {
      if (CounterPrecision.halfUnit(e.getValue()) == 0) {
        exact.put(e.getKey(), e.getValue());
      }
    }
    // A rounded counter of a large channel is off by up to 50,000: an exact count a day old is
    // the better estimate, so exact counters are used whenever there is one before the instant.
    NavigableMap<Long, Long> use = exact.floorEntry(instant) != null ? exact : near;
    Map.Entry<Long, Long> before = use.floorEntry(instant);
    if (before == null) {
      return null;
    }
    Map.Entry<Long, Long> after = use.ceilingEntry(instant);
    if (after != null && !before.getKey().equals(after.getKey())) {
      double f = (double) (instant - before.getKey()) / (after.getKey() - before.getKey());
      double v = before.getValue() + f * (after.getValue() - before.getValue());
      double u = (1 - f) * CounterPrecision.halfUnit(before.getValue()) + f * CounterPrecision.halfUnit(after.getValue());
      return new double[] {v, u};
    }
    return value(before);
  }

  private static double[] value(Map.Entry<Long, Long> observation) {
    return new double[] {observation.getValue(), CounterPrecision.halfUnit(observation.getValue())};
  }
}
