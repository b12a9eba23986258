package org.kooch.streaming.links;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by link identity (from, to, evidence): emits a link the first time it is seen, and again
 * only when earlier evidence (a smaller first_seen) or stronger confidence arrives. Thousands of
 * posts repeating the same link produce one row.
 */
public class LinkDeduplicator extends KeyedProcessFunction<String, ChannelLinkRow, ChannelLinkRow> {
  private transient ValueState<ChannelLinkRow> known;

  @Override
  public void open(OpenContext openContext) {
    known = getRuntimeContext().getState(new ValueStateDescriptor<>("link", ChannelLinkRow.class));
  }

  @Override
  public void processElement(ChannelLinkRow link, Context ctx, Collector<ChannelLinkRow> out) throws Exception {
    ChannelLinkRow k = known.value();
    if (k == null) {
      known.update(link);
      out.collect(link);
      return;
    }
    boolean earlier = link.firstSeen < k.firstSeen;
    boolean stronger = link.confidence > k.confidence;
    if (earlier || stronger) {
      ChannelLinkRow merged = new ChannelLinkRow(k.fromPlatform, k.fromChannel, k.toPlatform, k.toChannel, k.evidence,
          Math.min(k.firstSeen, link.firstSeen), earlier ? link.postId : k.postId, Math.max(k.confidence, link.confidence));
      known.update(merged);
      out.collect(merged);
    }
  }
}
