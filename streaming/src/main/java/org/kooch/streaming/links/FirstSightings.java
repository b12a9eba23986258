package org.kooch.streaming.links;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.kooch.streaming.daily.ChannelEvent;

/**
 * Passes a channel's event only when it is earlier than every event of that channel this
 * subtask has passed before: the same-handle detector acts only on a channel's earliest sighting
 * per platform, so the events this drops would not change its output. It runs chained before the
 * shuffle to the detector, which then receives a few events per channel instead of every post and
 * count. Not checkpointed: after a restart it passes each channel's next event again, which the
 * detector's own state ignores.
 */
public class FirstSightings implements FilterFunction<ChannelEvent> {
  /** Above this many channels the subtask forgets them all and starts again (more events pass). */
  static final int MAX_CHANNELS = 1_000_000;

  private transient Map<String, Long> earliest;

  @Override
  public boolean filter(ChannelEvent e) {
    if (earliest == null || earliest.size() >= MAX_CHANNELS) {
      earliest = new HashMap<>();
    }
    String key = e.key();
    Long seen = earliest.get(key);
    if (seen != null && seen <= e.time) {
      return false;
    }
    earliest.put(key, e.time);
    return true;
  }
}
