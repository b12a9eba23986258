package org.kooch.streaming.flows;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by platform: sends the platform's daily shocks to every linked pair with a channel on it
 * (and all shocks so far to a pair when it appears).
 */
public class ShockRouter extends KeyedCoProcessFunction<String, ShockDay, PairLink, PairDayEnd> {
  private transient MapState<Long, Double> shocks;
  private transient MapState<String, PairLink> pairs;

  @Override
  public void open(OpenContext openContext) {
    shocks = getRuntimeContext().getMapState(new MapStateDescriptor<>("shocks", Long.class, Double.class));
    pairs = getRuntimeContext().getMapState(new MapStateDescriptor<>("pairs", String.class, PairLink.class));
  }

  @Override
  public void processElement1(ShockDay s, Context ctx, Collector<PairDayEnd> out) throws Exception {
    shocks.put(s.epochDay, s.rate);
    for (PairLink p : pairs.values()) {
      out.collect(PairDayEnd.shock(p, s.epochDay, s.rate));
    }
  }

  @Override
  public void processElement2(PairLink link, Context ctx, Collector<PairDayEnd> out) throws Exception {
    PairLink known = pairs.get(link.pair + "#" + link.side);
    if (known != null) {
      link = known.mergedWith(link);
      if (link == null) {
        return;
      }
    }
    pairs.put(link.pair + "#" + link.side, link);
    for (Map.Entry<Long, Double> e : shocks.entries()) {
      out.collect(PairDayEnd.shock(link, e.getKey(), e.getValue()));
    }
  }

  /** The platform of a channel key {@code platform/channel}. */
  public static String platformOf(String channelKey) {
    return channelKey.substring(0, channelKey.indexOf('/'));
  }
}
