package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    ControlSeries s = channels.get(c.dayEnd.channel);
    if (s == null) {
      s = new ControlSeries();
    }
    s.linkedSince = c.linkedSince;
    s.values.put(c.dayEnd.epochDay, c.dayEnd.value);
    channels.put(c.dayEnd.channel, s);

    // A new point moves the trends (medians), so every day is reconsidered; only changes are sent.
    List<ControlSeries> all = new ArrayList<>();
    Set<Long> days = new HashSet<>();
    for (ControlSeries cs : channels.values()) {
      all.add(cs);
      days.addAll(cs.values.keySet());
    }
    double[] trends = new double[all.size()];
    for (int i = 0; i < all.size(); i++) {
      trends[i] = all.get(i).trend();
    }
    for (Long day : days) {
      List<Double> excess = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        ControlSeries cs = all.get(i);
        double change = cs.change(day);
        if (day < cs.linkedSince && !Double.isNaN(change) && !Double.isNaN(trends[i])) {
          excess.add(change - trends[i]);
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
