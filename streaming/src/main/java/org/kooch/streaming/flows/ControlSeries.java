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
  /** {@link #trend()} as of the last update (kept, so other channels' updates need not recompute it). */
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

  /** Records a day-end count and the channel's link day, and recomputes its trend. */
  void update(long epochDay, double value, long linkedSince) {
    update(epochDay, value, 0, linkedSince);
  }

  /**
   * As above, with the count's uncertainty: a count known only within more than
   * {@link PairBaseline#IMPRECISE} of itself (a "1.2M" counter of a big channel is ±50,000) says
   * nothing about a day's change of a few thousand, so that day and the next give no change.
   */
  void update(long epochDay, double value, double uncertainty, long linkedSince) {
    this.linkedSince = linkedSince;
    values.put(epochDay, value);
    if (PairBaseline.imprecise(value, uncertainty)) {
      imprecise.add(epochDay);
    } else {
      imprecise.remove(epochDay);
    }
    trend = trend();
  }

  /** The channel's own trend: the median relative daily change over the days it was unlinked. */
  double trend() {
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
