package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kooch.streaming.daily.ChannelEvent;

class DayEndEstimatorTest {
  private static final long H = 3_600_000L;
  private static final long DAY = 24 * H;
  private static final long E0 = Instant.parse("2018-04-18T00:00:00Z").toEpochMilli() / DAY;
  private static final long D0 = E0 * DAY;

  private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, DayEnd> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new DayEndEstimator(Duration.ofDays(2))), ChannelEvent::key, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** Observations on three days: irregular, one duplicated, one rounded copy of an exact one. */
  private void threeDays() throws Exception {
    add(count(D0 + 6 * H, 10_001));
    add(count(D0 + 18 * H, 10_101));
    add(count(D0 + DAY + 12 * H, 10_301));
    add(count(D0 + DAY + 12 * H, 10_301));
    add(count(D0 + 2 * DAY + 12 * H, 10_501));
    add(count(D0 + 2 * DAY + 12 * H, 10_500)); // "10.5K" at the same instant: the exact one stays
  }

  @Test
  void emitsEachDayEndWhenTheWatermarkIsADayPastIt() throws Exception {
    threeDays();
    // estimates of the day ends from two days before the first day to the day after the last,
    // and for each day's observations the moment they may be dropped
    assertThat(harness.numEventTimeTimers()).isEqualTo(6 + 3);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(DayEndEstimator.emitTime(E0) - 1);
    assertThat(harness.extractOutputValues()).isEmpty(); // the days before the first observation: nothing known
    harness.processWatermark(DayEndEstimator.emitTime(E0));
    assertDayEnds(harness.extractOutputValues(), E0, 10_101 + 200 / 3.0);
    harness.processWatermark(DayEndEstimator.emitTime(E0 + 1));
    harness.processWatermark(DayEndEstimator.emitTime(E0 + 3));
    // E0+2 and E0+3 end 12 and 36 hours after the last observation: unknown, not carried flat
    assertDayEnds(harness.extractOutputValues(), E0, 10_101 + 200 / 3.0, E0 + 1, 10_401);
    assertThat(harness.extractOutputValues()).allSatisfy(d -> {
      assertThat(d.key()).isEqualTo("telegram/khamenei_ir");
      assertThat(d.uncertainty).isZero();
    });
  }

  @Test
  void aLateObservationCorrectsEmittedDayEndsAtOnce() throws Exception {
    threeDays();
    harness.processWatermark(DayEndEstimator.emitTime(E0 + 1));
    int before = harness.extractOutputValues().size();
    add(count(D0 + DAY + 23 * H, 10_351)); // late: day E0+1's end was estimated already
    List<DayEnd> corrections = harness.extractOutputValues().subList(before, harness.extractOutputValues().size());
    // E0's end reads the observations at D0 + 18 h and D0 + DAY + 12 h, not this one: not estimated again
    assertThat(corrections).extracting(d -> d.epochDay).containsExactly(E0 + 1);
    assertThat(corrections.get(0).value).isCloseTo(10_351 + 150 / 13.0, within(1e-6));
    // a day not yet due is estimated at its time: E0+2 ends 12 hours after the last observation,
    // too long to carry it, so nothing is emitted for it
    int corrected = harness.extractOutputValues().size();
    harness.processWatermark(DayEndEstimator.emitTime(E0 + 2));
    assertThat(harness.extractOutputValues()).hasSize(corrected);
  }

  /**
   * A late observation is estimated again into each day end it is nearest to: an exact one also
   * past rounded ones, which the estimate skips for it.
   */
  @Test
  void aLateObservationCorrectsOnlyTheDayEndsThatReadIt() throws Exception {
    add(count(D0 + 12 * H, 10_001));
    add(count(D0 + DAY + 20 * H, 1_600_000)); // rounded
    add(count(D0 + 2 * DAY + 12 * H, 10_401));
    harness.processWatermark(DayEndEstimator.emitTime(E0 + 1));
    int before = harness.extractOutputValues().size();

    add(count(D0 + DAY + 22 * H, 1_700_000)); // rounded, behind the rounded one from E0's end: only E0 + 1's neighbour
    assertThat(harness.extractOutputValues().subList(before, harness.extractOutputValues().size()))
        .extracting(d -> d.epochDay).containsExactly(E0 + 1);
    before = harness.extractOutputValues().size();

    add(count(D0 + DAY + 21 * H, 10_301)); // exact, behind a rounded one: the nearest exact one to both ends
    List<DayEnd> corrections = harness.extractOutputValues().subList(before, harness.extractOutputValues().size());
    assertThat(corrections).extracting(d -> d.epochDay).containsExactly(E0, E0 + 1);
    assertThat(corrections.get(0).value).isCloseTo(10_001 + 300 * 12 / 33.0, within(1e-6));
    assertThat(corrections.get(1).value).isCloseTo(10_301 + 100 * 3 / 15.0, within(1e-6));
  }

  @Test
  void roundedCountsGiveAnUncertainty() throws Exception {
    add(count(D0 + 12 * H, 1_600_000));
    add(count(D0 + DAY + 12 * H, 1_700_000));
    harness.processWatermark(DayEndEstimator.emitTime(E0));
    DayEnd d = harness.extractOutputValues().get(0);
    assertThat(d.value).isEqualTo(1_650_000);
    assertThat(d.uncertainty).isEqualTo(50_000);
  }

  @Test
  void stateIsDroppedOnceTheAllowedLatenessAndTheWindowHavePassed() throws Exception {
    threeDays();
    harness.processWatermark(DayEndEstimator.emitTime(E0 + 3));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    // a channel that is not observed any more: its observations must not stay forever
    harness.processWatermark(D0 + 10 * DAY);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.extractOutputValues()).hasSize(2); // the clean-up emitted nothing
  }

  @Test
  void postsAreIgnored() throws Exception {
    ChannelEvent p = count(D0, 50);
    p.kind = ChannelEvent.POST;
    add(p);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void add(ChannelEvent e) throws Exception {
    harness.processElement(e, e.time);
  }

  private static void assertDayEnds(List<DayEnd> out, double... dayValue) {
    assertThat(out).hasSize(dayValue.length / 2);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i).epochDay).isEqualTo((long) dayValue[2 * i]);
      assertThat(out.get(i).value).as("day end %s", out.get(i)).isCloseTo(dayValue[2 * i + 1], within(1e-6));
    }
  }

  private static ChannelEvent count(long t, long subscribers) {
    ChannelEvent e = new ChannelEvent();
    e.platform = "telegram";
    e.channel = "khamenei_ir";
    e.kind = ChannelEvent.COUNT;
    e.time = t;
    e.value = subscribers;
    return e;
  }
}
