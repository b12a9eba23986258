package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by platform: learns the platform's common shock per day (a ban, an outage, a wave of
 * sign-ups) from its control channels, those not linked to a move on that day: the median of
 * their relative daily change beyond their own trend. A day with fewer than
 * {@link #MIN_CONTROLS} controls has no shock (zero). Emits a day's shock when it changes.
 */
public class PlatformShockEstimator extends KeyedProcessFunction<String, ControlDayEnd, ShockDay> {
  static final int MIN_CONTROLS = 2;

  private transient MapState<String, ControlSeries> channels;
  private transient MapState<Long, Double> emitted;

  @Override
  public void open(OpenContext openContext) {
    channels = getRuntimeContext().getMapState(new MapStateDescriptor<>("controls", String.class, ControlSeries.class));
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
    // (those whose excess it contributes to) can get another shock. Only changes are sent.
    List<ControlSeries> all = new ArrayList<>();
    for (ControlSeries cs : channels.values()) {
      all.add(cs);
    }
    for (Long day : new ArrayList<>(updated.values.keySet())) {
      List<Double> excess = new ArrayList<>();
      for (ControlSeries cs : all) {
        double change = cs.change(day);
        if (day < cs.linkedSince && !Double.isNaN(change) && !Double.isNaN(cs.trend)) {
          excess.add(change - cs.trend);
        }
      }
      double shock = excess.size() < MIN_CONTROLS ? 0 : PairBaseline.median(excess);
      Double last = emitted.get(day);
      // Exact comparison: the final value must reach the pairs whatever path the updates took.
      if (last == null ? shock != 0 : Double.compare(last, shock) != 0) {
        emitted.put(day, shock);
        out.collect(new ShockDay(ctx.getCurrentKey(), day, shock));
      }
    }
  }
}
