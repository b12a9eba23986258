package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/** One control channel's day-end counts and link day, kept by {@link PlatformShockEstimator}. */
public class ControlSeries {
  public long linkedSince = Long.MAX_VALUE;
  public HashMap<Long, Double> values = new HashMap<>();
  /** Days whose count is too imprecise to measure a daily change from (rounded counters). */
  public HashSet<Long> imprecise = new HashSet<>();
  /** {@link #trend()} as of the last recomputation (kept, so other channels' updates need not recompute it). */
  public double trend = Double.NaN;

  public ControlSeries() {}

  /** Relative change from the day before, or NaN when either day is unknown, imprecise or zero. */
  double change(long day) {
    if (imprecise.contains(day) || imprecise.contains(day - 1)) {
      return Double.NaN;
    }
    Double v = values.get(day);
    Double p = values.get(day - 1);
    return v == null || p == null || p == 0 ? Double.NaN : (v - p) / p;
  }

  /**
   * Records a day-end count, its uncertainty and the channel's link day; {@link #trend} is
   * recomputed by the caller. A count known only within more than {@link PairBaseline#IMPRECISE}
   * of itself (a "1.2M" counter of a big channel is ±50,000) says nothing about a day's change of a
   * few thousand, so that day and the next give no change.
   */
  public void record(long epochDay, double value, double uncertainty, long linkedSince) {
    this.linkedSince = linkedSince;
    values.put(epochDay, value);
    if (PairBaseline.imprecise(value, uncertainty)) {
      imprecise.add(epochDay);
    } else {
      imprecise.remove(epochDay);
    }
  }

  /**
   * The day's change beyond the channel's own trend, or NaN when the channel is no control that
   * day (linked by then), has no trend yet, or no precise change that day.
   */
  double excess(long day) {
    if (day >= linkedSince || Double.isNaN(trend)) {
      return Double.NaN;
    }
    double change = change(day);
    return Double.isNaN(change) ? Double.NaN : change - trend;
  }

  /** The channel's own trend: the median relative daily change over the days it was unlinked. */
  public double trend() {
    List<Double> changes = new ArrayList<>();
    for (Long d : values.keySet()) {
      double c = change(d);
      if (!Double.isNaN(c) && d < linkedSince) {
        changes.add(c);
      }
    }
    return changes.size() < 3 ? Double.NaN : PairBaseline.median(changes);
  }
}
