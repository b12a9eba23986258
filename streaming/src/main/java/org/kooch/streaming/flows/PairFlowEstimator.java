package org.kooch.streaming.flows;

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
 * Keyed by linked pair: keeps both channels' day-end series and, when either changed (new days,
 * late corrections, an earlier link day, a platform shock, an inferred pair announced), recomputes the pair's candidates
 * ({@link PairBaseline}) and emits those that changed. Downstream, the source's loss is split
 * across its targets ({@link SourceFlowSplitter}). The recomputation runs once per watermark for
 * everything that arrived since ({@link WatermarkBatch}), not once per input.
 */
public class PairFlowEstimator extends KeyedProcessFunction<String, PairDayEnd, FlowCandidate> {
  private transient MapState<Long, double[]> sideA;
  private transient MapState<Long, double[]> sideB;
  private transient ValueState<Long> linkDay;
  private transient ValueState<String> foundBy;
  private transient MapState<String, FlowCandidate> emitted;
  private transient MapState<Long, Double> shockA;
  private transient MapState<Long, Double> shockB;

  @Override
  public void open(OpenContext openContext) {
    sideA = getRuntimeContext().getMapState(new MapStateDescriptor<>("side-a", Long.class, double[].class));
    sideB = getRuntimeContext().getMapState(new MapStateDescriptor<>("side-b", Long.class, double[].class));
    linkDay = getRuntimeContext().getState(new ValueStateDescriptor<>("link-day", Long.class));
    foundBy = getRuntimeContext().getState(new ValueStateDescriptor<>("found-by", String.class));
    emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", String.class, FlowCandidate.class));
    shockA = getRuntimeContext().getMapState(new MapStateDescriptor<>("shock-a", Long.class, Double.class));
    shockB = getRuntimeContext().getMapState(new MapStateDescriptor<>("shock-b", Long.class, Double.class));
  }

  @Override
  public void processElement(PairDayEnd p, Context ctx, Collector<FlowCandidate> out) throws Exception {
    Long known = linkDay.value();
    if (known == null || p.linkDay < known) {
      linkDay.update(p.linkDay);
    }
    String kind = foundBy.value();
    String merged = kind == null ? FoundBy.orAnnounced(p.foundBy) : FoundBy.merge(kind, FoundBy.orAnnounced(p.foundBy));
    if (!merged.equals(kind)) {
      // Every candidate carries how its pair was found: all of them are emitted again.
      foundBy.update(merged);
      emitted.clear();
    }
    if (p.isShock) {
      (p.side == 0 ? shockA : shockB).put(p.dayEnd.epochDay, p.shock);
    } else {
      (p.side == 0 ? sideA : sideB).put(p.dayEnd.epochDay, new double[] {p.dayEnd.value, p.dayEnd.uncertainty});
    }
    WatermarkBatch.recomputeAtNextWatermark(ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FlowCandidate> out) throws Exception {
    String[] keys = ctx.getCurrentKey().split("\\|", 2);
    for (FlowCandidate c : PairBaseline.candidates(
        keys[0], copy(sideA), copyShocks(shockA), keys[1], copy(sideB), copyShocks(shockB), linkDay.value())) {
      c.foundBy = FoundBy.orAnnounced(foundBy.value());
      String id = c.day + ">" + c.from;
      if (!c.sameFigures(emitted.get(id))) {
        emitted.put(id, c);
        out.collect(c);
      }
    }
  }

  private static Map<Long, Double> copyShocks(MapState<Long, Double> state) throws Exception {
    Map<Long, Double> m = new java.util.HashMap<>();
    for (Map.Entry<Long, Double> e : state.entries()) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  private static TreeMap<Long, double[]> copy(MapState<Long, double[]> state) throws Exception {
    TreeMap<Long, double[]> m = new TreeMap<>();
    for (Map.Entry<Long, double[]> e : state.entries()) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }
}
