package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.kooch.streaming.time.WatermarkBatch;

/**
 * Keyed by source channel: holds each day's candidates from all the source's linked pairs and
 * emits the day's flows to every target ({@link FlowSplit}) whenever a candidate changes; when the
 * source's ratio of loss to gains over its whole move ({@link FlowSplit#ratio}) changes, every
 * day's flows are estimated again. A target that received a non-zero flow keeps getting rows, so
 * a correction to zero is written too. Recomputed once per watermark for all the candidates that
 * arrived since ({@link WatermarkBatch}): the ratio reads every day of the source.
 */
public class SourceFlowSplitter extends KeyedProcessFunction<String, FlowCandidate, ChannelFlowRow> {
  private transient MapState<Long, HashMap<String, FlowCandidate>> days;
  private transient MapState<String, ChannelFlowRow> emitted;
  private transient ValueState<Double> ratio;
  /** Days with a new candidate since the last recomputation. */
  private transient MapState<Long, Boolean> changedDays;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Long.class, (Class<HashMap<String, FlowCandidate>>) (Class) HashMap.class));
    emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", String.class, ChannelFlowRow.class));
    ratio = getRuntimeContext().getState(new ValueStateDescriptor<>("ratio", Double.class));
    changedDays = getRuntimeContext().getMapState(new MapStateDescriptor<>("changed-days", Long.class, Boolean.class));
  }

  @Override
  public void processElement(FlowCandidate c, Context ctx, Collector<ChannelFlowRow> out) throws Exception {
    HashMap<String, FlowCandidate> day = days.get(c.day);
    if (day == null) {
      day = new HashMap<>();
    }
    day.put(c.to, c);
    days.put(c.day, day);
    changedDays.put(c.day, Boolean.TRUE);
    WatermarkBatch.recomputeAtNextWatermark(ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChannelFlowRow> out) throws Exception {
    // The source's ratio over its whole move: when it changes, every day is estimated again.
    TreeMap<Long, List<FlowCandidate>> all = new TreeMap<>();
    for (Map.Entry<Long, HashMap<String, FlowCandidate>> e : days.entries()) {
      List<FlowCandidate> candidates = new ArrayList<>(e.getValue().values());
      candidates.sort((x, y) -> x.to.compareTo(y.to));
      all.put(e.getKey(), candidates);
    }
    double r = FlowSplit.ratio(all.values());
    Double known = ratio.value();
    boolean changed = known == null ? !Double.isNaN(r) : Double.compare(known, r) != 0;
    ratio.update(r);
    if (changed) {
      for (Map.Entry<Long, List<FlowCandidate>> e : all.entrySet()) {
        emit(e.getKey(), e.getValue(), r, out);
      }
    } else {
      java.util.TreeSet<Long> changedInOrder = new java.util.TreeSet<>();
      changedDays.keys().forEach(changedInOrder::add);
      for (Long day : changedInOrder) {
        emit(day, all.get(day), r, out);
      }
    }
    changedDays.clear();
  }

  private void emit(long epochDay, List<FlowCandidate> candidates, double r, Collector<ChannelFlowRow> out) throws Exception {
    for (ChannelFlowRow row : FlowSplit.rows(epochDay, candidates, r)) {
      String id = row.epochDay + ">" + row.channelPair();
      ChannelFlowRow last = emitted.get(id);
      if (last == null ? row.flowHigh > 0 : !last.equals(row)) {
        emitted.put(id, row);
        out.collect(row);
      }
    }
  }
}
