package org.kooch.streaming.attention;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Builds {@code channel_attention}: per channel and UTC day of publication, the posts and their
 * views as last observed and at 24 h of age ({@link PostViews#viewsAt24h}).
 *
 * <p>Event time, as {@code channel-daily}: a post's event time is its publication, so its later
 * collections (the one near 24 h of age comes a day after) are late data for its day. A day's row
 * is emitted when the watermark passes the day's end, and again, with a higher version, whenever
 * a collection within the allowed lateness changes it. Collections later than that are dropped and
 * counted here: {@code channel-daily} sends the same events to the dead-letter topic, so they are
 * not reported twice. A day's state is dropped when the watermark passes its end plus the allowed
 * lateness.
 */
public class ChannelAttentionAggregator extends KeyedProcessFunction<String, PostObservation, ChannelAttentionRow> {
  static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final long allowedLatenessMs;
  private transient MapState<Long, AttentionDay> days;
  private transient Counter tooLate;

  public ChannelAttentionAggregator(Duration allowedLateness) {
    this.allowedLatenessMs = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("attention-days", Long.class, AttentionDay.class));
    tooLate = getRuntimeContext().getMetricGroup().counter("channelAttentionTooLate");
  }

  @Override
  public void processElement(PostObservation o, Context ctx, Collector<ChannelAttentionRow> out) throws Exception {
    long epochDay = Math.floorDiv(o.publishedAt, DAY_MS);
    long dayEnd = dayEnd(epochDay);
    if (ctx.timerService().currentWatermark() > dayEnd + allowedLatenessMs) {
      tooLate.inc();
      return;
    }
    AttentionDay stored = days.get(epochDay);
    AttentionDay day;
    if (stored == null) {
      day = new AttentionDay(epochDay);
      ctx.timerService().registerEventTimeTimer(dayEnd);
      ctx.timerService().registerEventTimeTimer(dayEnd + allowedLatenessMs);
    } else {
      // Changed in place and put back: heap state hands out a copy while a checkpoint still holds
      // the value (copy-on-write), and RocksDB state deserializes a fresh one on every read.
      day = stored;
    }
    day.inputs++;
    int at = PostViews.find(day.posts, o.postId);
    boolean changed = at < 0;
    if (at < 0) {
      at = -at - 1;
      day.posts = PostViews.insert(day.posts, at, o.postId, o.publishedAt);
    }
    if (o.views != PostObservation.UNKNOWN) {
      changed |= PostViews.observe(day.posts, at, o.collectedAt, o.views);
    }
    days.put(epochDay, day);
    if (day.emitted && changed) {
      out.collect(day.toRow(o.platform, o.channel));
    }
  }

  /**
   * Each day has two timers: its end (emit the row) and its end plus the allowed lateness (drop
   * the day). The timer's time names the day, so no timer scans the channel's days.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChannelAttentionRow> out) throws Exception {
    long endingDay = Math.floorDiv(timestamp + 1, DAY_MS) - 1;
    if (dayEnd(endingDay) == timestamp) {
      AttentionDay day = days.get(endingDay);
      if (day != null && !day.emitted) {
        String[] key = ctx.getCurrentKey().split("/", 2);
        day.emitted = true;
        days.put(endingDay, day);
        out.collect(day.toRow(key[0], key[1]));
      }
    }
    long expiringDay = Math.floorDiv(timestamp - allowedLatenessMs + 1, DAY_MS) - 1;
    if (dayEnd(expiringDay) + allowedLatenessMs == timestamp && days.contains(expiringDay)) {
      days.remove(expiringDay);
      // An emptied map still occupies a state entry per key: clear() releases it.
      if (days.isEmpty()) {
        days.clear();
      }
    }
  }

  static long dayEnd(long epochDay) {
    return (epochDay + 1) * DAY_MS - 1;
  }
}
