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
 * {@link #MIN_CONTROLS} controls has no shock (zero). Emits a day's shock when it changes.
 *
 * <p>Inputs only update the channels' series; the shocks are recomputed once per watermark
 * ({@link WatermarkBatch}), for the days of the channels that changed: a channel's new count
 * moves its trend, and so its excess on every day it has a count. One pass over the platform's
 * series gathers those days' excesses, instead of one pass per input and day.
 */
public class PlatformShockEstimator extends KeyedProcessFunction<String, ControlDayEnd, ShockDay> {
  static final int MIN_CONTROLS = 2;

  private transient MapState<String, ControlSeries> channels;
  /** Channels updated since the last recomputation. */
  private transient MapState<String, Boolean> changed;
  private transient MapState<Long, Double> emitted;

  @Override
  public void open(OpenContext openContext) {
    channels = getRuntimeContext().getMapState(new MapStateDescriptor<>("controls", String.class, ControlSeries.class));
    changed = getRuntimeContext().getMapState(new MapStateDescriptor<>("changed", String.class, Boolean.class));
    emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", Long.class, Double.class));
  }

  @Override
  public void processElement(ControlDayEnd c, Context ctx, Collector<ShockDay> out) throws Exception {
    ControlSeries series = channels.get(c.dayEnd.channel);
    if (series == null) {
      series = new ControlSeries();
    }
    series.record(c.dayEnd.epochDay, c.dayEnd.value, c.linkedSince);
    channels.put(c.dayEnd.channel, series);
    changed.put(c.dayEnd.channel, Boolean.TRUE);
    WatermarkBatch.recomputeAtNextWatermark(ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShockDay> out) throws Exception {
    TreeSet<Long> days = new TreeSet<>();
    for (String channel : changed.keys()) {
      ControlSeries series = channels.get(channel);
      series.trend = series.trend();
      days.addAll(series.values.keySet());
    }
    changed.clear();
    if (days.isEmpty()) {
      return;
    }
    Map<Long, List<Double>> excess = new HashMap<>();
    for (ControlSeries cs : channels.values()) {
      if (Double.isNaN(cs.trend)) {
        continue;
      }
      for (Long day : cs.values.keySet()) {
        if (day < cs.linkedSince && days.contains(day)) {
          double change = cs.change(day);
          if (!Double.isNaN(change)) {
            excess.computeIfAbsent(day, d -> new ArrayList<>()).add(change - cs.trend);
          }
        }
      }
    }
    for (Long day : days) {
      List<Double> e = excess.getOrDefault(day, List.of());
      double shock = e.size() < MIN_CONTROLS ? 0 : PairBaseline.median(e);
      Double last = emitted.get(day);
      // Exact comparison: the final value must reach the pairs whatever path the updates took.
      if (last == null ? shock != 0 : Double.compare(last, shock) != 0) {
        emitted.put(day, shock);
        out.collect(new ShockDay(ctx.getCurrentKey(), day, shock));
      }
    }
  }
}
