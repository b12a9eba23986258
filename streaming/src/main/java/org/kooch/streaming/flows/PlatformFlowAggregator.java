package org.kooch.streaming.flows;

import java.util.HashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by platform pair: sums the latest channel flows of each day into {@code migration_flows},
 * and separately those on inferred pairs, re-emitting the day whenever one of its channel flows
 * changes.
 */
public class PlatformFlowAggregator extends KeyedProcessFunction<String, ChannelFlowRow, MigrationFlowRow> {
  private transient MapState<Long, HashMap<String, long[]>> days;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Long.class, (Class<HashMap<String, long[]>>) (Class) HashMap.class));
  }

  @Override
  public void processElement(ChannelFlowRow r, Context ctx, Collector<MigrationFlowRow> out) throws Exception {
    HashMap<String, long[]> day = days.get(r.epochDay);
    if (day == null) {
      day = new HashMap<>();
    }
    day.put(r.channelPair(), new long[] {r.flow, r.flowLow, r.flowHigh, FoundBy.INFERRED.equals(r.foundBy) ? 1 : 0});
    days.put(r.epochDay, day);
    MigrationFlowRow m = new MigrationFlowRow();
    m.epochDay = r.epochDay;
    m.fromPlatform = r.fromPlatform;
    m.toPlatform = r.toPlatform;
    for (long[] f : day.values()) {
      m.flow += f[0];
      m.flowLow += f[1];
      m.flowHigh += f[2];
      if (f[0] > 0) {
        m.channelPairs++;
      }
      // Four entries: the fourth is 1 for an inferred pair (three, in state from before: announced).
      if (f.length > 3 && f[3] == 1) {
        m.inferredFlow += f[0];
        if (f[0] > 0) {
          m.inferredPairs++;
        }
      }
    }
    out.collect(m);
  }
}
