package org.kooch.streaming.platforms;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by platform: builds {@code platform_daily}. Tracked subscribers of a day are the sum over
 * the platform's channels of each channel's latest day-end count, carried forward over days
 * without one for up to {@link #CARRY_DAYS} days; each channel counts once. A day is written when
 * event time passes it (its day-end counts come a day after midnight) and rewritten, with the
 * following carried days, when late data changes it.
 */
public class PlatformDailyAggregator extends KeyedProcessFunction<String, PlatformInput, PlatformDailyRow> {
  public static final int CARRY_DAYS = 30;
  static final long DAY_MS = 86_400_000L;

  /** day -> channel -> {subscribers (-1: none), posts, views}. */
  private transient MapState<Long, HashMap<String, long[]>> days;
  private transient MapState<Long, Long> reported;
  private transient MapState<Long, PlatformDailyRow> emitted;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Long.class, (Class<HashMap<String, long[]>>) (Class) HashMap.class));
    reported = getRuntimeContext().getMapState(new MapStateDescriptor<>("reported", Long.class, Long.class));
    emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", Long.class, PlatformDailyRow.class));
  }

  @Override
  public void processElement(PlatformInput in, Context ctx, Collector<PlatformDailyRow> out) throws Exception {
    if (in.kind == PlatformInput.REPORTED) {
      Long old = reported.get(in.epochDay);
      reported.put(in.epochDay, old == null ? in.value : Math.max(old, in.value));
    } else {
      HashMap<String, long[]> day = days.get(in.epochDay);
      if (day == null) {
        day = new HashMap<>();
      }
      long[] f = day.getOrDefault(in.channel, new long[] {-1, 0, 0});
      if (in.kind == PlatformInput.DAY_END) {
        f[0] = in.value;
      } else {
        f[1] = in.posts;
        f[2] = in.views;
      }
      day.put(in.channel, f);
      days.put(in.epochDay, day);
    }
    long due = dueTime(in.epochDay);
    if (ctx.timerService().currentWatermark() >= due) {
      // Late: rewrite the day (write it, if it had no row yet) and the days that carried its old counts.
      for (long d = in.epochDay; d <= in.epochDay + CARRY_DAYS; d++) {
        if (d == in.epochDay || emitted.contains(d)) {
          emit(d, ctx.getCurrentKey(), out);
        }
      }
    } else {
      ctx.timerService().registerEventTimeTimer(due);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlatformDailyRow> out) throws Exception {
    emit((timestamp - 2) / DAY_MS - 2, ctx.getCurrentKey(), out);
  }

  /** After the day's end counts (estimated a day after midnight) have arrived. */
  static long dueTime(long day) {
    return (day + 2) * DAY_MS + 2;
  }

  private void emit(long day, String platform, Collector<PlatformDailyRow> out) throws Exception {
    Map<String, long[]> latest = new HashMap<>();
    for (long d = day - CARRY_DAYS; d <= day; d++) {
      HashMap<String, long[]> m = days.get(d);
      if (m == null) {
        continue;
      }
      for (Map.Entry<String, long[]> e : m.entrySet()) {
        if (e.getValue()[0] >= 0) {
          latest.put(e.getKey(), e.getValue());
        }
      }
    }
    PlatformDailyRow r = new PlatformDailyRow();
    r.epochDay = day;
    r.platform = platform;
    for (long[] f : latest.values()) {
      r.trackedChannels++;
      r.trackedSubscribers += f[0];
    }
    HashMap<String, long[]> today = days.get(day);
    if (today != null) {
      for (long[] f : today.values()) {
        r.posts += f[1];
        r.views += f[2];
      }
    }
    r.reportedUsers = reported.get(day);
    if (r.trackedChannels == 0 && r.posts == 0 && r.reportedUsers == null) {
      return;
    }
    if (!r.sameAs(emitted.get(day))) {
      emitted.put(day, r);
      out.collect(r);
    }
  }
}
