package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by source channel: holds each day's candidates from all the source's linked pairs and
 * emits the day's flows to every target ({@link FlowSplit}) whenever a candidate changes. A
 * target that received a non-zero flow keeps getting rows, so a correction to zero is written too.
 */
public class SourceFlowSplitter extends KeyedProcessFunction<String, FlowCandidate, ChannelFlowRow> {
  private transient MapState<Long, HashMap<String, FlowCandidate>> days;
  private transient MapState<String, ChannelFlowRow> emitted;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Long.class, (Class<HashMap<String, FlowCandidate>>) (Class) HashMap.class));
    emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", String.class, ChannelFlowRow.class));
  }

  @Override
  public void processElement(FlowCandidate c, Context ctx, Collector<ChannelFlowRow> out) throws Exception {
    HashMap<String, FlowCandidate> day = days.get(c.day);
    if (day == null) {
      day = new HashMap<>();
    }
    day.put(c.to, c);
    days.put(c.day, day);
    List<FlowCandidate> candidates = new ArrayList<>(day.values());
    candidates.sort((x, y) -> x.to.compareTo(y.to));
    for (ChannelFlowRow row : FlowSplit.rows(c.day, candidates)) {
      String id = row.epochDay + ">" + row.channelPair();
      ChannelFlowRow last = emitted.get(id);
      if (last == null ? row.flowHigh > 0 : !last.equals(row)) {
        emitted.put(id, row);
        out.collect(row);
      }
    }
  }

}
