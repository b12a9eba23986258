package org.kooch.streaming.flows;

import java.util.Map;
import java.util.NavigableMap;

/**
 * The count at one instant from irregular observations: linear interpolation between the nearest
 * observations before and after, using exact counters when there is one before the instant and
 * rounded ones otherwise; with no observation after, the last one before is carried.
 */
public final class DayEndInterpolation {
  /** Observations further than this from the instant are not used. */
  public static final long WINDOW_MS = 2 * 86_400_000L;

  private DayEndInterpolation() {}

  /**
   * {value, uncertainty} at {@code instant}, or null when no observation lies within the window
   * before it (a channel is not assumed to exist before it was first seen).
   */
  public static double[] at(long instant, NavigableMap<Long, Long> observations) {
    NavigableMap<Long, Long> near = observations.subMap(instant - WINDOW_MS, true, instant + WINDOW_MS, true);
    NavigableMap<Long, Long> exact = new java.util.TreeMap<>();
    for (Map.Entry<Long, Long> e : near.entrySet()) {
      if (CounterPrecision.halfUnit(e.getValue()) == 0) {
        exact.put(e.getKey(), e.getValue());
      }
    }
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
    return new double[] {before.getValue(), CounterPrecision.halfUnit(before.getValue())};
  }
}
