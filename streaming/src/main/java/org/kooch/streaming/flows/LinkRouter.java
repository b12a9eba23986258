package org.kooch.streaming.flows;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by channel: sends each day-end count of a channel to every linked pair it belongs to. A
 * channel keeps its day-end history, so a pair linked later (or linked earlier than first known)
 * receives the whole series and can learn the channel's baseline from before the link. Every
 * day end also goes to {@link #CONTROLS} with the channel's first link day, so the platform's
 * common shocks can be learnt from channels that were not (yet) moving.
 */
public class LinkRouter extends KeyedCoProcessFunction<String, DayEnd, PairLink, PairDayEnd> {
  public static final OutputTag<ControlDayEnd> CONTROLS = new OutputTag<>("control-day-ends") {};

  private transient MapState<Long, DayEnd> history;
  private transient MapState<String, PairLink> pairs;

  @Override
  public void open(OpenContext openContext) {
    history = getRuntimeContext().getMapState(new MapStateDescriptor<>("history", Long.class, DayEnd.class));
    pairs = getRuntimeContext().getMapState(new MapStateDescriptor<>("pairs", String.class, PairLink.class));
  }

  @Override
  public void processElement1(DayEnd d, Context ctx, Collector<PairDayEnd> out) throws Exception {
    history.put(d.epochDay, d);
    long linkedSince = Long.MAX_VALUE;
    for (PairLink p : pairs.values()) {
      out.collect(new PairDayEnd(p, d));
      linkedSince = Math.min(linkedSince, p.linkDay);
    }
    ctx.output(CONTROLS, new ControlDayEnd(d, linkedSince));
  }

  @Override
  public void processElement2(PairLink link, Context ctx, Collector<PairDayEnd> out) throws Exception {
    PairLink known = pairs.get(link.pair);
    if (known != null) {
      link = known.mergedWith(link);
      if (link == null) {
        return;
      }
    }
    long before = Long.MAX_VALUE;
    for (PairLink p : pairs.values()) {
      before = Math.min(before, p.linkDay);
    }
    pairs.put(link.pair, link);
    for (Map.Entry<Long, DayEnd> e : history.entries()) {
      out.collect(new PairDayEnd(link, e.getValue()));
      if (link.linkDay < before) {
        ctx.output(CONTROLS, new ControlDayEnd(e.getValue(), link.linkDay));
      }
    }
  }
}
