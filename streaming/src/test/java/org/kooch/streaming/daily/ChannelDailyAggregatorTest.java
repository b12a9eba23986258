package org.kooch.streaming.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelDailyAggregatorTest {
  private static final long DAY = 86_400_000L;
  private static final long D0 = Instant.parse("2018-04-18T00:00:00Z").toEpochMilli();

  private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelDailyRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = harness(Duration.ZERO);
    harness.open();
  }

  /** The state backend the harness keeps keyed state in; null: Flink's default (the heap). */
  StateBackend backend() {
    return null;
  }

  private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelDailyRow> harness(Duration earlyUpdates) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelDailyRow> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ChannelDailyAggregator(Duration.ofDays(2), earlyUpdates)), ChannelEvent::key, Types.STRING);
    if (backend() != null) {
      h.setStateBackend(backend());
    }
    return h;
  }

  /** Replaces the harness by one with {@code earlyUpdates}, restored from a snapshot of the current one. */
  private void restart(Duration earlyUpdates) throws Exception {
    OperatorSubtaskState snapshot = harness.snapshot(1L, 0L);
    harness.close();
    harness = harness(earlyUpdates);
    harness.initializeState(snapshot);
    harness.open();
  }

  private List<ChannelDailyRow> openDayRows() {
    ConcurrentLinkedQueue<StreamRecord<ChannelDailyRow>> side = harness.getSideOutput(ChannelDailyAggregator.OPEN_DAY);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void withoutEarlyUpdatesAnOpenDayWaitsForItsEnd() throws Exception {
    add(count(D0 + 1_000, 500));
    assertThat(harness.numProcessingTimeTimers()).isZero();
    harness.setProcessingTime(60_000);
    assertThat(openDayRows()).isEmpty();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void anOpenDayIsWrittenEarlyAtMostOncePerIntervalAndOnlyWhenChanged() throws Exception {
    restart(Duration.ofSeconds(1));
    harness.setProcessingTime(100);
    add(count(D0 + 1_000, 500));
    add(count(D0 + 2_000, 600));
    add(post(D0 + 3_000, 1, 40, D0 + 4_000));
    assertThat(harness.numProcessingTimeTimers()).as("one timer however many events").isEqualTo(1);
    assertThat(openDayRows()).isEmpty();

    harness.setProcessingTime(1_000);
    assertThat(openDayRows()).singleElement().satisfies(r -> {
      assertThat(r.subscribers).isEqualTo(600);
      assertThat(r.posts).isEqualTo(1);
      assertThat(r.version).isEqualTo(3);
    });
    assertThat(harness.extractOutputValues()).as("early rows stay off the main output").isEmpty();

    harness.setProcessingTime(5_000);
    assertThat(openDayRows()).as("unchanged: not written again").hasSize(1);
    assertThat(harness.numProcessingTimeTimers()).isZero();

    add(count(D0 + 5_000, 700));
    add(count(D0 + DAY + 5_000, 800)); // the next day, open too
    harness.setProcessingTime(6_000);
    assertThat(openDayRows()).hasSize(3).extracting(r -> r.day().toString() + "=" + r.subscribers)
        .containsExactlyInAnyOrder("2018-04-18=600", "2018-04-18=700", "2018-04-19=800");

    harness.processWatermark(D0 + DAY - 1);
    ChannelDailyRow closed = harness.extractOutputValues().get(0);
    assertThat(closed.subscribers).isEqualTo(700);
    assertThat(closed.version).as("the closing row wins over every early one").isEqualTo(4);
  }

  @Test
  void aDayClosedBeforeItsEarlyRowIsDueIsWrittenOnceByItsEnd() throws Exception {
    restart(Duration.ofSeconds(1));
    add(count(D0 + 1_000, 500));
    harness.processWatermark(D0 + DAY);
    harness.setProcessingTime(10_000);
    assertThat(openDayRows()).isEmpty();
    assertThat(harness.extractOutputValues()).hasSize(1);
    add(count(D0 + 2_000, 550)); // late: corrected on the main output at once, not early
    harness.setProcessingTime(20_000);
    assertThat(openDayRows()).isEmpty();
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void aPendingEarlyRowSurvivesARestore() throws Exception {
    restart(Duration.ofSeconds(1));
    harness.setProcessingTime(100);
    add(count(D0 + 1_000, 500));
    restart(Duration.ofSeconds(1));
    harness.setProcessingTime(1_000);
    assertThat(openDayRows()).singleElement().satisfies(r -> assertThat(r.subscribers).isEqualTo(500));
  }

  @Test
  void aPendingEarlyRowRestoredIntoARunWithoutEarlyUpdatesIsDropped() throws Exception {
    restart(Duration.ofSeconds(1));
    harness.setProcessingTime(100);
    add(count(D0 + 1_000, 500));
    restart(Duration.ZERO);
    harness.setProcessingTime(1_000);
    assertThat(openDayRows()).isEmpty();
    harness.processWatermark(D0 + DAY);
    assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> assertThat(r.subscribers).isEqualTo(500));
  }

  @Test
  void stateWrittenWithoutEarlyUpdatesRestoresIntoARunWithThem() throws Exception {
    add(count(D0 + 1_000, 500));
    restart(Duration.ofSeconds(1));
    harness.setProcessingTime(100);
    add(count(D0 + 2_000, 650));
    harness.setProcessingTime(1_000);
    assertThat(openDayRows()).singleElement().satisfies(r -> {
      assertThat(r.subscribers).isEqualTo(650);
      assertThat(r.observations).as("the restored day's count is kept").isEqualTo(2);
    });
    harness.processWatermark(D0 + DAY);
    assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> assertThat(r.subscribersMin).isEqualTo(500));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void emitsLastMinMaxOfTheDayWhenTheWatermarkPassesItsEnd() throws Exception {
    add(count(D0 + 3_600_000, 1_000));
    add(count(D0 + 20 * 3_600_000, 1_300)); // last of the day
    add(count(D0 + 10 * 3_600_000, 1_400)); // out of order: the max, not the last
    add(post(D0 + 5_000, 1, 50, D0 + 6_000));
    assertThat(harness.numEventTimeTimers()).isEqualTo(2); // day end, and state cleanup
    harness.processWatermark(D0 + DAY - 2);
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.processWatermark(D0 + DAY - 1);
    List<ChannelDailyRow> rows = harness.extractOutputValues();
    assertThat(rows).hasSize(1);
    ChannelDailyRow r = rows.get(0);
    assertThat(r.day().toString()).isEqualTo("2018-04-18");
    assertThat(r.subscribers).isEqualTo(1_300);
    assertThat(r.subscribersMin).isEqualTo(1_000);
    assertThat(r.subscribersMax).isEqualTo(1_400);
    assertThat(r.observations).isEqualTo(3);
    assertThat(r.posts).isEqualTo(1);
    assertThat(r.views).isEqualTo(50);
    assertThat(r.version).isEqualTo(4);
  }

  @Test
  void recollectedPostsUpdateViewsWithoutCountingTwice() throws Exception {
    add(post(D0 + 1_000, 7, 100, D0 + 2_000));
    add(post(D0 + 1_000, 7, 900, D0 + 9_000)); // newer collection
    add(post(D0 + 1_000, 7, 300, D0 + 5_000)); // older collection arriving late: ignored
    add(post(D0 + 2_000, 8, 10, D0 + 3_000));
    harness.processWatermark(D0 + DAY);
    ChannelDailyRow r = harness.extractOutputValues().get(0);
    assertThat(r.posts).isEqualTo(2);
    assertThat(r.views).isEqualTo(910);
    assertThat(r.subscribers).isNull();
  }

  @Test
  void lateDataCorrectsAnEmittedDayWithAHigherVersion() throws Exception {
    add(count(D0 + 1_000, 500));
    harness.processWatermark(D0 + DAY + 1_000);
    add(count(D0 + 2_000, 600)); // late but within the allowed lateness
    List<ChannelDailyRow> rows = harness.extractOutputValues();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).subscribers).isEqualTo(600);
    assertThat(rows.get(1).version).isGreaterThan(rows.get(0).version);
  }

  @Test
  void dataAfterTheAllowedLatenessGoesToTheSideOutputAndStateIsDropped() throws Exception {
    add(count(D0 + 1_000, 500));
    add(post(D0 + 2_000, 1, 5, D0 + 3_000));
    assertThat(stateEntries()).isEqualTo(2);
    harness.processWatermark(D0 + 3 * DAY);
    assertThat(stateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    add(count(D0 + 5_000, 700));
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.getSideOutput(ChannelDailyAggregator.TOO_LATE)).hasSize(1);
  }

  @Test
  void duplicateObservationsDoNotChangeTheResult() throws Exception {
    add(count(D0 + 1_000, 500));
    add(count(D0 + 1_000, 500));
    harness.processWatermark(D0 + DAY);
    ChannelDailyRow r = harness.extractOutputValues().get(0);
    assertThat(r.subscribers).isEqualTo(500);
    assertThat(r.subscribersMin).isEqualTo(500);
    assertThat(r.subscribersMax).isEqualTo(500);
  }

  @Test
  void aDayOfManyPostsCollectedOutOfOrderGivesThePlainSums() throws Exception {
    List<ChannelEvent> events = manyPosts(D0, 1_000);
    for (ChannelEvent e : events) {
      add(e);
    }
    assertThat(day(D0 / DAY).chunks).as("the day's posts split into chunks").isGreaterThanOrEqualTo(16);
    harness.processWatermark(D0 + DAY);
    assertThat(harness.extractOutputValues()).containsExactly(plainRow(events));
    harness.processWatermark(D0 + 3 * DAY);
    assertThat(stateEntries()).isZero();
  }

  @Test
  void aDayWrittenWithItsPostsInOneArrayRestoresWithTheSameRows() throws Exception {
    List<ChannelEvent> events = manyPosts(D0, 400);
    harness.close();
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OneArrayPerDay()), ChannelEvent::key, Types.STRING);
    if (backend() != null) {
      harness.setStateBackend(backend());
    }
    harness.open();
    for (ChannelEvent e : events.subList(0, 500)) {
      add(e);
    }
    assertThat(day(D0 / DAY).chunks).isZero();
    restart(Duration.ZERO);
    for (ChannelEvent e : events.subList(500, events.size())) {
      add(e);
    }
    assertThat(day(D0 / DAY).chunks).isGreaterThan(1);
    harness.processWatermark(D0 + DAY);
    assertThat(harness.extractOutputValues()).containsExactly(plainRow(events));
    harness.processWatermark(D0 + 3 * DAY);
    assertThat(stateEntries()).isZero();
  }

  /**
   * Each of {@code n} posts of the day starting at {@code dayStart} collected twice, with
   * different views at different times, a few counts among them, all in a shuffled order. Strided
   * ids, as a platform's message ids often are.
   */
  private static List<ChannelEvent> manyPosts(long dayStart, int n) {
    Random random = new Random(11);
    List<ChannelEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long published = dayStart + random.nextInt((int) DAY);
      long id = 9_000_000 + 16L * i;
      events.add(post(published, id, random.nextInt(10_000), published + 1 + random.nextInt(1_000_000)));
      events.add(post(published, id, random.nextInt(10_000), published + 2_000_000 + random.nextInt(1_000_000)));
      if (i % 100 == 0) {
        events.add(count(published, 1_000 + random.nextInt(100)));
      }
    }
    Collections.shuffle(events, random);
    return events;
  }

  /** The row of the events' day by a plain computation: each post's views as last collected, the counts' last, min and max. */
  private static ChannelDailyRow plainRow(List<ChannelEvent> events) {
    Map<Long, ChannelEvent> latest = new HashMap<>();
    ChannelEvent lastCount = null;
    ChannelDailyRow r = new ChannelDailyRow();
    r.platform = events.get(0).platform;
    r.channel = events.get(0).channel;
    r.epochDay = Math.floorDiv(events.get(0).time, DAY);
    for (ChannelEvent e : events) {
      if (e.kind == ChannelEvent.POST) {
        latest.merge(e.postId, e, (a, b) -> a.collectedAt >= b.collectedAt ? a : b);
      } else {
        r.observations++;
        r.subscribersMin = r.subscribersMin == null ? e.value : Math.min(r.subscribersMin, e.value);
        r.subscribersMax = r.subscribersMax == null ? e.value : Math.max(r.subscribersMax, e.value);
        if (lastCount == null || e.time > lastCount.time || (e.time == lastCount.time && e.value > lastCount.value)) {
          lastCount = e;
        }
      }
    }
    r.subscribers = lastCount == null ? null : lastCount.value;
    r.posts = latest.size();
    r.views = latest.values().stream().mapToLong(e -> e.value).sum();
    r.version = events.size();
    return r;
  }

  /** The channel's aggregate of a day, as in state. */
  private DayAggregate day(long epochDay) throws Exception {
    KeyedStateBackend<Object> state = harness.getOperator().getKeyedStateBackend();
    state.setCurrentKey("soroush/khamenei_ir");
    MapState<Long, DayAggregate> days = state.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
        new MapStateDescriptor<>("days", Long.class, DayAggregate.class));
    return days.get(epochDay);
  }

  /**
   * Writes the state of {@link ChannelDailyAggregator} (without late data or early rows) as it is
   * laid out when a day's posts are one array under the day's own key in {@code posts-by-day} and
   * a day has no chunk count: a checkpoint of that layout, to restore from.
   */
  private static final class OneArrayPerDay extends KeyedProcessFunction<String, ChannelEvent, ChannelDailyRow> {
    private transient MapState<Long, DayAggregate> days;
    private transient MapState<Long, long[]> posts;

    @Override
    public void open(OpenContext openContext) {
      days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Long.class, DayAggregate.class));
      posts = getRuntimeContext().getMapState(new MapStateDescriptor<>("posts-by-day", Long.class, long[].class));
    }

    @Override
    public void processElement(ChannelEvent e, Context ctx, Collector<ChannelDailyRow> out) throws Exception {
      long epochDay = Math.floorDiv(e.time, DAY);
      DayAggregate day = days.get(epochDay);
      if (day == null) {
        day = new DayAggregate(epochDay);
        day.chunks = 0;
        long dayEnd = ChannelDailyAggregator.dayEnd(epochDay);
        ctx.timerService().registerEventTimeTimer(dayEnd);
        ctx.timerService().registerEventTimeTimer(dayEnd + Duration.ofDays(2).toMillis());
      }
      if (e.kind == ChannelEvent.COUNT) {
        day.addCount(e.time, e.value);
      } else {
        long[] seen = posts.get(epochDay);
        seen = seen == null ? new long[0] : seen.clone();
        int at = DayPosts.find(seen, e.postId);
        if (at < 0) {
          posts.put(epochDay, DayPosts.insert(seen, -at - 1, e.postId, e.value, e.collectedAt));
          day.addPost(e.value, true);
        } else if (e.collectedAt > DayPosts.collectedAt(seen, at)) {
          day.addPost(e.value - DayPosts.views(seen, at), false);
          DayPosts.update(seen, at, e.value, e.collectedAt);
          posts.put(epochDay, seen);
        } else {
          day.inputs++;
        }
      }
      days.put(epochDay, day);
    }
  }

  /** Keys holding a day or a day's posts (the harness's own count is the heap backend's only). */
  private long stateEntries() throws Exception {
    KeyedStateBackend<Object> state = harness.getOperator().getKeyedStateBackend();
    long n = 0;
    for (String name : List.of("days", "posts-by-day")) {
      try (java.util.stream.Stream<Object> keys = state.getKeys(name, VoidNamespace.INSTANCE)) {
        n += keys.count();
      }
    }
    return n;
  }

  private void add(ChannelEvent e) throws Exception {
    harness.processElement(e, e.time);
  }

  private static ChannelEvent count(long t, long subscribers) {
    ChannelEvent e = new ChannelEvent();
    e.platform = "soroush";
    e.channel = "khamenei_ir";
    e.kind = ChannelEvent.COUNT;
    e.time = t;
    e.value = subscribers;
    return e;
  }

  private static ChannelEvent post(long t, long id, long views, long collectedAt) {
    ChannelEvent e = count(t, views);
    e.kind = ChannelEvent.POST;
    e.postId = id;
    e.collectedAt = collectedAt;
    return e;
  }
}
