package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.kooch.streaming.time.WatermarkBatch;

/**
 * Keyed by platform: learns the platform's common shock per day (a ban, an outage, a wave of
 * sign-ups) from its control channels, those not linked to a move on that day: the median of
 * their relative daily change beyond their own trend. A day with fewer than
 * {@link #MIN_CONTROLS} controls whose counts are precise enough (not read off a rounded "1.2M")
 * takes its shock by linear interpolation between the nearest days within {@link #MAX_GAP_DAYS}
 * that have enough (a ban goes on while a control is briefly unreadable), else none (zero).
 * Emits a day's shock when it changes.
 *
 * <p>Inputs only update the channels' series; the shocks are recomputed once per watermark
 * ({@link WatermarkBatch}), for the days of the channels that changed: a channel's new count
 * moves its trend, and so its excess on every day it has a count. One pass over the platform's
 * series gathers those days' excesses, instead of one pass per input and day.
 */
public class PlatformShockEstimator extends KeyedProcessFunction<String, ControlDayEnd, ShockDay> {
  static final int MIN_CONTROLS = 2;
  public static final int MAX_GAP_DAYS = 5;

  private transient MapState<String, ControlSeries> channels;
  /** Channels updated since the last recomputation. */
  private transient MapState<String, Boolean> changed;
  /** The median of the controls on days that have enough of them. */
  private transient MapState<Long, Double> measured;
  private transient MapState<Long, Double> emitted;

  @Override
  public void open(OpenContext openContext) {
    channels = getRuntimeContext().getMapState(new MapStateDescriptor<>("controls", String.class, ControlSeries.class));
    changed = getRuntimeContext().getMapState(new MapStateDescriptor<>("changed", String.class, Boolean.class));
    measured = getRuntimeContext().getMapState(new MapStateDescriptor<>("measured", Long.class, Double.class));
    emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", Long.class, Double.class));
  }

  @Override
  public void processElement(ControlDayEnd c, Context ctx, Collector<ShockDay> out) throws Exception {
    ControlSeries series = channels.get(c.dayEnd.channel);
    if (series == null) {
      series = new ControlSeries();
    }
    series.record(c.dayEnd.epochDay, c.dayEnd.value, c.dayEnd.uncertainty, c.linkedSince);
    channels.put(c.dayEnd.channel, series);
    changed.put(c.dayEnd.channel, Boolean.TRUE);
    WatermarkBatch.recomputeAtNextWatermark(ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShockDay> out) throws Exception {
    // Only the changed channels' trends, link days or counts changed: only the days they have a
    // count on (those whose excess they contribute to) can get another measured shock, and only
    // days within the gap of those another interpolated one. Only changes are sent.
    TreeSet<Long> days = new TreeSet<>();
    for (String channel : changed.keys()) {
      ControlSeries series = channels.get(channel);
      series.trend = series.trend();
      // Written back: a state backend that serializes (RocksDB) keeps no change made to a read value.
      channels.put(channel, series);
      days.addAll(series.values.keySet());
    }
    changed.clear();
    if (days.isEmpty()) {
      return;
    }
    Map<Long, List<Double>> excess = new HashMap<>();
    for (ControlSeries cs : channels.values()) {
      for (Long day : cs.values.keySet()) {
        double e = days.contains(day) ? cs.excess(day) : Double.NaN;
        if (!Double.isNaN(e)) {
          excess.computeIfAbsent(day, d -> new ArrayList<>()).add(e);
        }
      }
    }
    TreeSet<Long> affected = new TreeSet<>();
    for (Long day : days) {
      double m = median(excess.getOrDefault(day, List.of()));
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
      double shock = shock(day, d -> measured.get(d));
      Double last = emitted.get(day);
      // Exact comparison: the final value must reach the pairs whatever path the updates took.
      if (last == null ? shock != 0 : Double.compare(last, shock) != 0) {
        emitted.put(day, shock);
        out.collect(new ShockDay(ctx.getCurrentKey(), day, shock));
      }
    }
  }

  /** The median excess change of the day's precise controls, or NaN with fewer than {@link #MIN_CONTROLS}. */
  public static double measure(long day, List<ControlSeries> controls) {
    List<Double> excess = new ArrayList<>();
    for (ControlSeries cs : controls) {
      double e = cs.excess(day);
      if (!Double.isNaN(e)) {
        excess.add(e);
      }
    }
    return median(excess);
  }

  /** The median of a day's excesses, or NaN with fewer than {@link #MIN_CONTROLS}. */
  private static double median(List<Double> excess) {
    return excess.size() < MIN_CONTROLS ? Double.NaN : PairBaseline.median(excess);
  }

  /** Measured shocks by day, null where a day has none. */
  public interface Measured {
    Double get(long day) throws Exception;
  }

  /** A day's shock: measured, else interpolated between the nearest measured days within the gap, else 0. */
  public static double shock(long day, Measured measured) {
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
