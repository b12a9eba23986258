package org.kooch.streaming.links;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.kooch.streaming.daily.ChannelEvent;

/**
 * Keyed by channel handle: when the same handle appears on a second platform, emits a
 * {@code same_handle} link between the two accounts (again when an earlier sighting moves its
 * first_seen). Handles can be squatted, so the confidence is moderate.
 */
public class SameHandleDetector extends KeyedProcessFunction<String, ChannelEvent, ChannelLinkRow> {
  static final double CONFIDENCE = 0.5;

  private transient MapState<String, Long> firstSeenByPlatform;

  @Override
  public void open(OpenContext openContext) {
    firstSeenByPlatform = getRuntimeContext().getMapState(new MapStateDescriptor<>("first-seen", String.class, Long.class));
  }

  @Override
  public void processElement(ChannelEvent e, Context ctx, Collector<ChannelLinkRow> out) throws Exception {
    Long seen = firstSeenByPlatform.get(e.platform);
    if (seen != null && seen <= e.time) {
      return;
    }
    firstSeenByPlatform.put(e.platform, e.time);
    for (Map.Entry<String, Long> other : firstSeenByPlatform.entries()) {
      if (other.getKey().equals(e.platform)) {
        continue;
      }
      // The pair has no direction of its own: order it by platform id, so replays and
      // out-of-order input name the same row. First seen: when both accounts existed.
      boolean otherFirst = other.getKey().compareTo(e.platform) < 0;
      String from = otherFirst ? other.getKey() : e.platform;
      String to = otherFirst ? e.platform : other.getKey();
      ChannelLinkRow link = new ChannelLinkRow(from, e.channel, to, e.channel, ChannelLinkRow.SAME_HANDLE,
          Math.max(other.getValue(), e.time), null, CONFIDENCE);
      link.fromSeen = otherFirst ? other.getValue() : e.time;
      link.toSeen = otherFirst ? e.time : other.getValue();
      out.collect(link);
    }
  }
}
