package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by platform: learns the platform's common shock per day (a ban, an outage, a wave of
 * sign-ups) from its control channels, those not linked to a move on that day: the median of
 * their relative daily change beyond their own trend. A day with fewer than
 * {@link #MIN_CONTROLS} controls whose counts are precise enough (not read off a rounded "1.2M")
 * takes its shock by linear interpolation between the nearest days within {@link #MAX_GAP_DAYS}
 * that have enough (a ban goes on while a control is briefly unreadable), else none (zero).
 * Emits a day's shock when it changes.
 */
public class PlatformShockEstimator extends KeyedProcessFunction<String, ControlDayEnd, ShockDay> {
  static final int MIN_CONTROLS = 2;
  static final int MAX_GAP_DAYS = 5;

  private transient MapState<String, ControlSeries> channels;
  /** The median of the controls on days that have enough of them. */
  private transient MapState<Long, Double> measured;
  private transient MapState<Long, Double> emitted;

  @Override
  public void open(OpenContext openContext) {
    channels = getRuntimeContext().getMapState(new MapStateDescriptor<>("controls", String.class, ControlSeries.class));
    measured = getRuntimeContext().getMapState(new MapStateDescriptor<>("measured", Long.class, Double.class));
    emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", Long.class, Double.class));
  }

  @Override
  public void processElement(ControlDayEnd c, Context ctx, Collector<ShockDay> out) throws Exception {
    ControlSeries updated = channels.get(c.dayEnd.channel);
    if (updated == null) {
      updated = new ControlSeries();
    }
    updated.update(c.dayEnd.epochDay, c.dayEnd.value, c.dayEnd.uncertainty, c.linkedSince);
    channels.put(c.dayEnd.channel, updated);

    // Only this channel's trend, link day or count changed: only the days it has a count on
    // (those whose excess it contributes to) can get another measured shock, and only days
    // within the gap of those another interpolated one. Only changes are sent.
    List<ControlSeries> all = new ArrayList<>();
    for (ControlSeries cs : channels.values()) {
      all.add(cs);
    }
    TreeSet<Long> affected = new TreeSet<>();
    for (Long day : updated.values.keySet()) {
      double m = measure(day, all);
      Double old = measured.get(day);
      if (Double.isNaN(m) ? old != null : old == null || Double.compare(old, m) != 0) {
        if (Double.isNaN(m)) {
          measured.remove(day);
        } else {
          measured.put(day, m);
        }
        for (long d = day - MAX_GAP_DAYS; d <= day + MAX_GAP_DAYS; d++) {
          affected.add(d);
        }
      }
    }
    for (long day : affected) {
      double shock = shock(day);
      Double last = emitted.get(day);
      // Exact comparison: the final value must reach the pairs whatever path the updates took.
      if (last == null ? shock != 0 : Double.compare(last, shock) != 0) {
        emitted.put(day, shock);
        out.collect(new ShockDay(ctx.getCurrentKey(), day, shock));
      }
    }
  }

  /** The median excess change of the day's precise controls, or NaN with fewer than {@link #MIN_CONTROLS}. */
  static double measure(long day, List<ControlSeries> controls) {
    List<Double> excess = new ArrayList<>();
    for (ControlSeries cs : controls) {
      double change = cs.change(day);
      if (day < cs.linkedSince && !Double.isNaN(change) && !Double.isNaN(cs.trend)) {
        excess.add(change - cs.trend);
      }
    }
    return excess.size() < MIN_CONTROLS ? Double.NaN : PairBaseline.median(excess);
  }

  private double shock(long day) throws Exception {
    return shock(day, d -> measured.get(d));
  }

  /** Measured shocks by day, null where a day has none. */
  interface Measured {
    Double get(long day) throws Exception;
  }

  /** A day's shock: measured, else interpolated between the nearest measured days within the gap, else 0. */
  static double shock(long day, Measured measured) {
    try {
      Double m = measured.get(day);
      if (m != null) {
        return m;
      }
      for (int back = 1; back <= MAX_GAP_DAYS; back++) {
        Double before = measured.get(day - back);
        if (before == null) {
          continue;
        }
        for (int ahead = 1; back + ahead <= MAX_GAP_DAYS + 1; ahead++) {
          Double after = measured.get(day + ahead);
          if (after != null) {
            return interpolate(before, after, back, ahead);
          }
        }
        return 0;
      }
      return 0;
    } catch (Exception e) {
      throw new IllegalStateException("reading the measured shocks", e);
    }
  }

  /** The value {@code back} days after {@code before} on the line to {@code after}, {@code ahead} days later. */
  static double interpolate(double before, double after, int back, int ahead) {
    return before + (after - before) * back / (back + ahead);
  }
}
