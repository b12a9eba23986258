package org.kooch.streaming.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.kooch.streaming.daily.ChannelEvent;
import org.kooch.streaming.state.SortedRows;

/**
 * Keyed by channel: turns irregular, duplicated, rounded, late subscriber observations into one
 * count per day end (midnight UTC), interpolated in event time ({@link DayEndInterpolation}).
 * A day end is estimated when the watermark is a day past it (so the next day's observations are
 * in) and estimated again, at once, when a late observation arrives that the estimate reads (one
 * of the nearest to it). Observations older
 * than the allowed lateness plus the interpolation window are dropped from state.
 *
 * <p>Observations are kept per UTC day (sorted {time, count} pairs), so an estimate reads only the
 * days within the interpolation window, and a cleanup drops whole days: a backfill, which keeps
 * every observation until the end of input, costs the same per day end at any size.
 */
public class DayEndEstimator extends KeyedProcessFunction<String, ChannelEvent, DayEnd> {
  static final long DAY_MS = 86_400_000L;

  private final long allowedLatenessMs;
  /** Per UTC day: that day's observations as sorted {time, count} pairs. */
  private transient MapState<Long, long[]> observations;

  public DayEndEstimator(Duration allowedLateness) {
    this.allowedLatenessMs = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    observations = getRuntimeContext().getMapState(new MapStateDescriptor<>("observations-by-day", Long.class, long[].class));
  }

  @Override
  public void processElement(ChannelEvent e, Context ctx, Collector<DayEnd> out) throws Exception {
    if (e.kind != ChannelEvent.COUNT) {
      return;
    }
    long day = Math.floorDiv(e.time, DAY_MS);
    long[] ofDay = observations.get(day);
    // The day's timers are set by its first observation: registering them again for each one
    // (a lookup in the timer set each) would take half of this operator's time.
    boolean firstOfDay = ofDay == null;
    if (firstOfDay) {
      ofDay = new long[0];
    }
    int at = SortedRows.find(ofDay, 2, e.time);
    if (at >= 0) {
      long old = ofDay[2 * at + 1];
      // Two observations at the same instant: keep the more precise one (then the larger).
      if (CounterPrecision.halfUnit(old) < CounterPrecision.halfUnit(e.value)
          || (CounterPrecision.halfUnit(old) == CounterPrecision.halfUnit(e.value) && old >= e.value)) {
        return;
      }
      ofDay = ofDay.clone();
      ofDay[2 * at + 1] = e.value;
    } else {
      ofDay = SortedRows.insert(ofDay, 2, -at - 1, e.time, e.value);
    }
    observations.put(day, ofDay);
    long watermark = ctx.timerService().currentWatermark();
    // Day ends this observation can influence: the midnights within the interpolation window.
    for (long d = day - 2; d <= day + 1; d++) {
      long due = emitTime(d);
      if (watermark >= due) {
        if (readByEstimate(d, e.time, e.value, day, ofDay)) {
          emit(d, ctx.getCurrentKey(), out); // a correction of a day already estimated
        }
      } else if (firstOfDay) {
        ctx.timerService().registerEventTimeTimer(due);
      }
    }
    if (firstOfDay) {
      // Without later observations no estimate would come to drop this day (see onTimer): its
      // last instant's cleanup time is when the whole day may go.
      ctx.timerService().registerEventTimeTimer(cleanupTime((day + 1) * DAY_MS - 1));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<DayEnd> out) throws Exception {
    long day = Math.floorDiv(timestamp - 1, DAY_MS) - 2;
    emit(day, ctx.getCurrentKey(), out);
    long horizon = timestamp - allowedLatenessMs - 2 * DayEndInterpolation.WINDOW_MS;
    List<Long> old = new ArrayList<>();
    for (Long d : observations.keys()) {
      if ((d + 1) * DAY_MS <= horizon) { // whole days only: a partly old day is kept a day longer
        old.add(d);
      }
    }
    for (Long t : old) {
      observations.remove(t);
    }
    if (observations.isEmpty()) {
      observations.clear();
    }
  }

  /**
   * The first estimate time at which an observation made at {@code t} is past the allowed lateness
   * plus two windows, so onTimer drops it. It is a day's estimate time: that day's estimate is due
   * then anyway (when observations are near it) or there is none, so the timer adds no output.
   */
  long cleanupTime(long t) {
    return emitTime(Math.floorDiv(t + allowedLatenessMs + 2 * DayEndInterpolation.WINDOW_MS, DAY_MS) - 1);
  }

  /** When day {@code d}'s end is estimated: a day after its midnight (plus 1 ms). */
  static long emitTime(long d) {
    return (d + 2) * DAY_MS + 1;
  }

  /**
   * Whether the observation at {@code t} is one that day {@code d}'s estimate reads ({@link
   * DayEndInterpolation#at}: the nearest observation before or after the day's end within the
   * window, or the nearest exact one): no other observation lies strictly between it and the day's
   * end, or, when it is exact, no other exact one. Any other observation leaves the estimate as it
   * was, so it is not estimated again: a channel observed every few seconds would otherwise read
   * all its recent observations for every new one. {@code ofDay} is day {@code day}'s observations
   * (already read, with this one in it).
   */
  private boolean readByEstimate(long d, long t, long value, long day, long[] ofDay) throws Exception {
    long instant = (d + 1) * DAY_MS;
    if (Math.abs(t - instant) > DayEndInterpolation.WINDOW_MS) {
      return false;
    }
    boolean exact = CounterPrecision.halfUnit(value) == 0;
    long lo = Math.min(t, instant);
    long hi = Math.max(t, instant);
    for (long between = Math.floorDiv(lo, DAY_MS); between <= Math.floorDiv(hi, DAY_MS); between++) {
      long[] rows = between == day ? ofDay : observations.get(between);
      if (rows == null) {
        continue;
      }
      int i = SortedRows.find(rows, 2, lo);
      for (i = i >= 0 ? i + 1 : -i - 1; 2 * i < rows.length && rows[2 * i] < hi; i++) {
        if (!exact || CounterPrecision.halfUnit(rows[2 * i + 1]) == 0) {
          return false;
        }
      }
    }
    return true;
  }

  private void emit(long day, String key, Collector<DayEnd> out) throws Exception {
    long instant = (day + 1) * DAY_MS;
    TreeMap<Long, Long> near = new TreeMap<>();
    long last = Math.floorDiv(instant + DayEndInterpolation.WINDOW_MS, DAY_MS);
    for (long d = Math.floorDiv(instant - DayEndInterpolation.WINDOW_MS, DAY_MS); d <= last; d++) {
      long[] ofDay = observations.get(d);
      for (int i = 0; ofDay != null && i < ofDay.length; i += 2) {
        near.put(ofDay[i], ofDay[i + 1]);
      }
    }
    double[] v = DayEndInterpolation.at(instant, near);
    if (v != null) {
      String[] k = key.split("/", 2);
      out.collect(new DayEnd(k[0], k[1], day, v[0], v[1]));
    }
  }
}
