package org.kooch.streaming.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
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
