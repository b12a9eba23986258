package org.kooch.streaming.daily;

import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.kooch.streaming.state.DayChunks;

/**
 * Builds {@code channel_daily}: per channel and UTC day the last, min and max subscriber count,
 * the number of distinct posts and their latest view counts.
 *
 * <p>Event time. A day's row is emitted when the watermark passes the day's end. Data for a day
 * that arrives later, within {@code allowedLateness}, updates the day and re-emits its row at once
 * with a higher version (ClickHouse keeps the highest). Later still, the event goes to the
 * {@link #TOO_LATE} side output (it is already in the raw tables; a bounded re-run includes it).
 * State of a day is dropped when the watermark passes its end plus the allowed lateness.
 *
 * <p>Early updates (streaming runs only). A live dashboard needs today's row before today ends.
 * With an early-update interval, a day that is still open (its end not yet passed by the
 * watermark) and changed is written to the {@link #OPEN_DAY} side output at the next multiple of
 * the interval in processing time: the channel's changed open days are kept in {@code
 * changed-open-days}, and one processing-time timer per channel is pending while that is not
 * empty. However many events arrive, a channel writes each open day at most once per interval, so
 * catching up a backlog does not multiply the output. The rows carry the day's current version
 * (its inputs so far), so the row at the day's end, computed from at least as much input, wins in
 * ClickHouse. They go to the side output, not the main one, because they are provisional: the
 * operators downstream of {@code channel_daily} (platform totals) read a day once it is closed.
 * Bounded runs leave early updates off: they close every day at the end of their input anyway.
 *
 * <p>State per event. A day's aggregate is one small value, and its posts (to tell a new post from
 * a recollection and to replace its views) are split by post into chunks of about 1 KB
 * ({@link DayChunks}): a post reads and writes its own chunk, so under RocksDB, which
 * deserializes and serializes every value it reads and writes, the work per post does not grow
 * with the posts of its day.
 */
public class ChannelDailyAggregator extends KeyedProcessFunction<String, ChannelEvent, ChannelDailyRow> {
  public static final OutputTag<ChannelEvent> TOO_LATE = new OutputTag<>("channel-daily-too-late") {};
  /** Early rows of days not yet closed, for {@code channel_daily} only. */
  public static final OutputTag<ChannelDailyRow> OPEN_DAY = new OutputTag<>("channel-daily-open-day") {};
  static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final long allowedLatenessMs;
  /** Early updates of open days at most this often per channel, or 0: none. */
  private final long earlyUpdateMs;
  private transient MapState<Long, DayAggregate> days;
  /** The open days changed since their last early row (a small set: today, and yesterday near midnight). */
  private transient ValueState<long[]> changedOpenDays;
  /**
   * Per day: the posts first seen on it ({@link DayPosts}), in chunks by post ({@link DayChunks},
   * their number in {@link DayAggregate#chunks}), dropped with the day.
   */
  private transient MapState<Long, long[]> posts;
  private transient DayChunks postChunks;
  private transient Counter corrections;
  private transient Counter tooLate;
  private transient LongCounter tooLateTotal;

  /** Accumulator name: events that arrived after their day was closed. */
  public static final String TOO_LATE_ACCUMULATOR = "tooLateForChannelDaily";

  /** Without early updates: rows when days close (bounded runs). */
  public ChannelDailyAggregator(Duration allowedLateness) {
    this(allowedLateness, Duration.ZERO);
  }

  /** @param earlyUpdates how often at most a channel's open days are written before they close; zero: never */
  public ChannelDailyAggregator(Duration allowedLateness, Duration earlyUpdates) {
    this.allowedLatenessMs = allowedLateness.toMillis();
    this.earlyUpdateMs = earlyUpdates.toMillis();
    if (earlyUpdateMs < 0) {
      throw new IllegalArgumentException("negative early-update interval " + earlyUpdates);
    }
  }

  @Override
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Long.class, DayAggregate.class));
    posts = getRuntimeContext().getMapState(new MapStateDescriptor<>("posts-by-day", Long.class, long[].class));
    postChunks = new DayChunks(posts, DayPosts.WIDTH);
    if (earlyUpdateMs > 0) {
      changedOpenDays = getRuntimeContext().getState(new ValueStateDescriptor<>("changed-open-days", long[].class));
    }
    corrections = getRuntimeContext().getMetricGroup().counter("channelDailyCorrections");
    tooLate = getRuntimeContext().getMetricGroup().counter("channelDailyTooLate");
    tooLateTotal = new LongCounter();
    getRuntimeContext().addAccumulator(TOO_LATE_ACCUMULATOR, tooLateTotal);
  }

  @Override
  public void processElement(ChannelEvent e, Context ctx, Collector<ChannelDailyRow> out) throws Exception {
    long epochDay = Math.floorDiv(e.time, DAY_MS);
    long dayEnd = dayEnd(epochDay);
    long watermark = ctx.timerService().currentWatermark();
    if (watermark > dayEnd + allowedLatenessMs) {
      tooLate.inc();
      tooLateTotal.add(1);
      ctx.output(TOO_LATE, e);
      return;
    }
    DayAggregate day = days.get(epochDay);
    if (day == null) {
      day = new DayAggregate(epochDay);
      ctx.timerService().registerEventTimeTimer(dayEnd);
      ctx.timerService().registerEventTimeTimer(dayEnd + allowedLatenessMs);
    }
    if (e.kind == ChannelEvent.COUNT) {
      day.addCount(e.time, e.value);
    } else {
      int chunks = DayChunks.count(day.chunks);
      long[] seen = postChunks.get(epochDay, chunks, e.postId);
      int at = DayPosts.find(seen, e.postId);
      if (at < 0) {
        long[] more = DayPosts.insert(seen, -at - 1, e.postId, e.value, e.collectedAt);
        day.chunks = postChunks.put(epochDay, chunks, e.postId, more);
        day.addPost(e.value, true);
      } else if (e.collectedAt > DayPosts.collectedAt(seen, at)) {
        long delta = e.value - DayPosts.views(seen, at);
        seen = seen.clone(); // state values are not changed in place
        DayPosts.update(seen, at, e.value, e.collectedAt);
        day.chunks = postChunks.put(epochDay, chunks, e.postId, seen);
        day.addPost(delta, false);
      } else {
        day.inputs++; // an older or identical copy: counted as input, changes nothing else
      }
    }
    boolean mark = earlyUpdateMs > 0 && !day.emitted && !day.earlyPending;
    day.earlyPending |= mark;
    days.put(epochDay, day);
    if (day.emitted) {
      corrections.inc();
      out.collect(day.toRow(e.platform, e.channel));
    } else if (mark) {
      markChanged(epochDay, ctx);
    }
  }

  /**
   * Notes an open day's change, once until its early row is written ({@link DayAggregate#earlyPending}:
   * the list is not read for every event); the first change since the last early rows schedules the
   * next ones.
   */
  private void markChanged(long epochDay, Context ctx) throws Exception {
    long[] changed = changedOpenDays.value();
    if (changed == null) {
      long now = ctx.timerService().currentProcessingTime();
      ctx.timerService().registerProcessingTimeTimer((now / earlyUpdateMs + 1) * earlyUpdateMs);
      changedOpenDays.update(new long[] {epochDay});
      return;
    }
    for (long d : changed) {
      if (d == epochDay) {
        return;
      }
    }
    long[] more = Arrays.copyOf(changed, changed.length + 1);
    more[changed.length] = epochDay;
    changedOpenDays.update(more);
  }

  /** Writes the changed days that are still open to {@link #OPEN_DAY}. */
  private void writeOpenDays(OnTimerContext ctx) throws Exception {
    long[] changed = changedOpenDays.value();
    changedOpenDays.clear();
    if (changed == null) {
      return;
    }
    String[] key = null;
    for (long d : changed) {
      DayAggregate day = days.get(d);
      if (day != null && day.earlyPending) {
        day.earlyPending = false;
        days.put(d, day);
      }
      if (day != null && !day.emitted) {
        if (key == null) {
          key = ctx.getCurrentKey().split("/", 2);
        }
        ctx.output(OPEN_DAY, day.toRow(key[0], key[1]));
      }
    }
  }

  /**
   * Each day has two timers: its end (emit the row) and its end plus the allowed lateness (drop
   * the day and its posts). The timer's time names the day, so no timer scans the channel's days
   * or posts. A processing-time timer writes the early rows of the channel's changed open days.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChannelDailyRow> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      if (earlyUpdateMs > 0) { // a timer restored into a run without early updates is dropped
        writeOpenDays(ctx);
      }
      return;
    }
    long endingDay = Math.floorDiv(timestamp + 1, DAY_MS) - 1;
    if (dayEnd(endingDay) == timestamp) {
      DayAggregate day = days.get(endingDay);
      if (day != null && !day.emitted) {
        String[] key = ctx.getCurrentKey().split("/", 2);
        day.emitted = true;
        days.put(endingDay, day);
        out.collect(day.toRow(key[0], key[1]));
      }
    }
    long expiringDay = Math.floorDiv(timestamp - allowedLatenessMs + 1, DAY_MS) - 1;
    if (dayEnd(expiringDay) + allowedLatenessMs == timestamp) {
      DayAggregate day = days.get(expiringDay);
      if (day != null) {
        days.remove(expiringDay);
        postChunks.remove(expiringDay, DayChunks.count(day.chunks));
        // An emptied map still occupies a state entry per key: clear() releases it. A day's
        // chunks of posts go with it, so with no day left no chunk is left either.
        if (days.isEmpty()) {
          days.clear();
          posts.clear();
        }
      }
    }
  }

  static long dayEnd(long epochDay) {
    return (epochDay + 1) * DAY_MS - 1;
  }
}
