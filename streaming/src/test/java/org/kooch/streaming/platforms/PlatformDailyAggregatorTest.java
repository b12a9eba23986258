package org.kooch.streaming.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformDailyAggregatorTest {
  private static final long E0 = LocalDate.parse("2018-04-18").toEpochDay();

  private KeyedOneInputStreamOperatorTestHarness<String, PlatformInput, PlatformDailyRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new PlatformDailyAggregator()), p -> p.platform, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** Two channels on day E0; on E0+1 channel b has no day-end (carried) but posted. */
  private void twoDays() throws Exception {
    add(PlatformInput.dayEnd("telegram", "a", E0, 1_000));
    add(PlatformInput.dayEnd("telegram", "b", E0, 2_000));
    add(PlatformInput.activity("telegram", "a", E0, 3, 300));
    add(PlatformInput.dayEnd("telegram", "a", E0, 1_000)); // delivered twice: counted once
    add(PlatformInput.dayEnd("telegram", "a", E0 + 1, 1_100));
    add(PlatformInput.activity("telegram", "b", E0 + 1, 1, 50));
    add(PlatformInput.reported("telegram", E0 + 1, 40_000_000));
    add(PlatformInput.dayEnd("soroush", "a", E0, 7));
  }

  @Test
  void sumsEachChannelOnceCarryingMissingDaysWithTheDaysActivityAndReports() throws Exception {
    twoDays();
    assertThat(harness.numEventTimeTimers()).isEqualTo(3); // one per platform and day
    harness.processWatermark(PlatformDailyAggregator.dueTime(E0 + 1) - 1);
    assertThat(rows()).containsExactly(
        "2018-04-18 telegram channels=2 subs=3000 reported=null posts=3 views=300",
        "2018-04-18 soroush channels=1 subs=7 reported=null posts=0 views=0");
    harness.processWatermark(PlatformDailyAggregator.dueTime(E0 + 1));
    assertThat(rows()).endsWith("2018-04-19 telegram channels=2 subs=3100 reported=40000000 posts=1 views=50").hasSize(3);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2 + 1 + 2); // telegram: days, reported, emitted; soroush: days, emitted
  }

  @Test
  void aLateDayEndRewritesItsDayAndTheDaysThatCarriedIt() throws Exception {
    twoDays();
    harness.processWatermark(PlatformDailyAggregator.dueTime(E0 + 5));
    int before = rows().size();
    add(PlatformInput.dayEnd("telegram", "b", E0, 2_100));
    assertThat(rows().subList(before, rows().size())).containsExactly(
        "2018-04-18 telegram channels=2 subs=3100 reported=null posts=3 views=300",
        "2018-04-19 telegram channels=2 subs=3200 reported=40000000 posts=1 views=50");
    add(PlatformInput.dayEnd("telegram", "a", E0 + 1, 1_100)); // late but unchanged: nothing rewritten
    assertThat(rows()).hasSize(before + 2);
    assertThat(harness.numEventTimeTimers()).isZero(); // late input is written at once
  }

  @Test
  void aLateDayEndForADayWithoutARowWritesThatDay() throws Exception {
    twoDays();
    harness.processWatermark(PlatformDailyAggregator.dueTime(E0 + 5));
    int before = rows().size();
    add(PlatformInput.dayEnd("telegram", "a", E0 + 3, 1_300)); // no input for E0+3 came in time
    assertThat(rows().subList(before, rows().size())).containsExactly(
        "2018-04-21 telegram channels=2 subs=3300 reported=null posts=0 views=0");
  }

  @Test
  void aCountIsCarriedAtMostThirtyDays() throws Exception {
    add(PlatformInput.dayEnd("telegram", "b", E0, 2_000));
    add(PlatformInput.dayEnd("telegram", "a", E0 + PlatformDailyAggregator.CARRY_DAYS, 1_000));
    add(PlatformInput.dayEnd("telegram", "a", E0 + PlatformDailyAggregator.CARRY_DAYS + 1, 1_000));
    harness.processWatermark(PlatformDailyAggregator.dueTime(E0 + PlatformDailyAggregator.CARRY_DAYS + 1));
    assertThat(harness.extractOutputValues()).extracting(r -> r.trackedChannels).containsExactly(1, 2, 1);
  }

  private void add(PlatformInput in) throws Exception {
    harness.processElement(in, 0);
  }

  private List<String> rows() {
    return harness.extractOutputValues().stream().map(PlatformDailyRow::toString).toList();
  }
}
