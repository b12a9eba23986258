package org.kooch.streaming.attention;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.kooch.streaming.state.DayChunks;

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
 *
 * <p>State per collection. A day's value ({@link AttentionDay}) holds the row's sums, and its posts
 * ({@link PostViews}) are split by post into chunks of about 1 KB ({@link DayChunks}, in
 * {@code attention-posts}): a collection reads and writes the day's value and its post's chunk,
 * and takes the post's part out of the sums before folding the collection in and adds it back
 * after, so under RocksDB, which deserializes and serializes every value it reads and writes, the
 * work per collection does not grow with the posts of its day. A day restored from state that kept
 * its posts in the day's value ({@link AttentionDay#posts}) has them moved into chunks, and its
 * sums computed, the first time it is read ({@link #moveIntoChunks}).
 */
public class ChannelAttentionAggregator extends KeyedProcessFunction<String, PostObservation, ChannelAttentionRow> {
  static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final long allowedLatenessMs;
  private transient MapState<Long, AttentionDay> days;
  /** Per day: its posts ({@link PostViews} rows), in {@link AttentionDay#chunks} chunks by post. */
  private transient MapState<Long, long[]> posts;
  private transient DayChunks postChunks;
  private transient Counter tooLate;

  public ChannelAttentionAggregator(Duration allowedLateness) {
    this.allowedLatenessMs = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("attention-days", Long.class, AttentionDay.class));
    posts = getRuntimeContext().getMapState(new MapStateDescriptor<>("attention-posts", Long.class, long[].class));
    postChunks = new DayChunks(posts, PostViews.WIDTH);
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
    // Changed in place and put back: heap state hands out a copy while a checkpoint still holds
    // the value (copy-on-write), and RocksDB state deserializes a fresh one on every read.
    AttentionDay day = days.get(epochDay);
    if (day == null) {
      day = new AttentionDay(epochDay);
      ctx.timerService().registerEventTimeTimer(dayEnd);
      ctx.timerService().registerEventTimeTimer(dayEnd + allowedLatenessMs);
    } else {
      moveIntoChunks(epochDay, day);
    }
    day.inputs++;
    int chunks = day.chunks;
    long[] rows = postChunks.get(epochDay, chunks, o.postId);
    int at = PostViews.find(rows, o.postId);
    boolean changed = at < 0;
    if (at < 0) {
      at = -at - 1;
      rows = PostViews.insert(rows, at, o.postId, o.publishedAt);
      day.postCount++;
      day.count(rows, at, 1);
    }
    if (o.views != PostObservation.UNKNOWN) {
      if (!changed) {
        rows = rows.clone(); // the chunk in state is not changed in place (an insert made a copy)
      }
      day.count(rows, at, -1);
      changed |= PostViews.observe(rows, at, o.collectedAt, o.views);
      day.count(rows, at, 1);
    }
    if (changed) {
      day.chunks = postChunks.put(epochDay, chunks, o.postId, rows);
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
        moveIntoChunks(endingDay, day);
        day.emitted = true;
        days.put(endingDay, day);
        out.collect(day.toRow(key[0], key[1]));
      }
    }
    long expiringDay = Math.floorDiv(timestamp - allowedLatenessMs + 1, DAY_MS) - 1;
    if (dayEnd(expiringDay) + allowedLatenessMs == timestamp) {
      AttentionDay day = days.get(expiringDay);
      if (day != null) {
        days.remove(expiringDay);
        postChunks.remove(expiringDay, DayChunks.count(day.chunks));
        // An emptied map still occupies a state entry per key: clear() releases it. A day's
        // chunks go with it, so with no day left no chunk is left either.
        if (days.isEmpty()) {
          days.clear();
          posts.clear();
        }
      }
    }
  }

  /**
   * A day read from state that kept its posts in the day's value ({@link AttentionDay#posts},
   * {@code chunks} 0) gets them moved into chunks and its sums computed from them; any other day
   * is left as it is. The caller puts the day back.
   */
  private void moveIntoChunks(long epochDay, AttentionDay day) throws Exception {
    if (day.chunks != 0) {
      return;
    }
    long[] rows = day.posts == null ? new long[0] : day.posts;
    int n = PostViews.size(rows);
    day.postCount = n;
    day.views = 0;
    day.posts24h = 0;
    day.views24h = 0;
    day.postsUnder24h = 0;
    for (int i = 0; i < n; i++) {
      day.count(rows, i, 1);
    }
    day.chunks = postChunks.putAll(epochDay, rows);
    day.posts = new long[0];
  }

  static long dayEnd(long epochDay) {
    return (epochDay + 1) * DAY_MS - 1;
  }
}
