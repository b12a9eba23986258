package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** One control channel's day-end counts and link day, kept by {@link PlatformShockEstimator}. */
public class ControlSeries {
  public long linkedSince = Long.MAX_VALUE;
  public HashMap<Long, Double> values = new HashMap<>();
  /** {@link #trend()} as of the last recomputation (kept, so other channels' updates need not recompute it). */
  public double trend = Double.NaN;

  public ControlSeries() {}

  /** Relative change from the day before, or NaN when either day is unknown or zero. */
  double change(long day) {
    Double v = values.get(day);
    Double p = values.get(day - 1);
    return v == null || p == null || p == 0 ? Double.NaN : (v - p) / p;
  }

  /** Records a day-end count and the channel's link day; {@link #trend} is recomputed by the caller. */
  void record(long epochDay, double value, long linkedSince) {
    this.linkedSince = linkedSince;
    values.put(epochDay, value);
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
