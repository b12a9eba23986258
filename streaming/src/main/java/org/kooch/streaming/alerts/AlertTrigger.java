package org.kooch.streaming.alerts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.kooch.streaming.links.ChannelLinkRow;

/**
 * Keyed by the unordered channel pair ({@link AlertRow#pairOf}): raises one {@link AlertRow} for
 * the first link of a pair that {@link #raises} an alert, and never again for that pair. The flag
 * {@code fired} is checkpointed with the job, so a restart or a replay of the links after the last
 * checkpoint raises no second alert for a pair whose alert is in a completed checkpoint (and the
 * one it raises again for a pair that is not has the same id: the table keeps one row).
 */
public class AlertTrigger extends KeyedProcessFunction<String, ChannelLinkRow, AlertRow> {
  private transient ValueState<Boolean> fired;

  /**
   * Whether a link starts a move worth an alert: a channel announcing its account on another
   * platform, or an inferred pair (the verdict that the evidence crossed its threshold).
   */
  public static boolean raises(ChannelLinkRow link) {
    return link.announcesMove() || link.inferred();
  }

  @Override
  public void open(OpenContext openContext) {
    fired = getRuntimeContext().getState(new ValueStateDescriptor<>("fired", Boolean.class));
  }

  @Override
  public void processElement(ChannelLinkRow link, Context ctx, Collector<AlertRow> out) throws Exception {
    if (!raises(link) || fired.value() != null) {
      return;
    }
    fired.update(Boolean.TRUE);
    out.collect(AlertRow.of(link, ctx.timerService().currentProcessingTime()));
  }
}
