package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PairFlowEstimatorTest {
  private static final long L = 17_000;
  private static final String TELEGRAM = "telegram/khamenei_ir";
  private static final String SOROUSH = "soroush/khamenei_ir";
  private static final String PAIR = PairDayEnd.pairKey(TELEGRAM, SOROUSH); // soroush first: side 0

  private KeyedOneInputStreamOperatorTestHarness<String, PairDayEnd, FlowCandidate> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PairFlowEstimator()), p -> p.pair, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void estimatesBothDirectionsOnceBothSidesAreKnownAndEmitsOnlyChanges() throws Exception {
    double v = 10_000;
    for (long d = L - 25; d < L; d++) {
      telegram(d, v);
      v *= 1.01;
    }
    telegram(L, v - 300); // 1% growth expected, 300 lost instead: v = 1.01 * day before
    telegram(L + 1, v - 500);
    assertThat(harness.extractOutputValues()).isEmpty(); // the Soroush side is unknown yet

    soroush(L, 250);
    assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(
        new FlowCandidate(L, TELEGRAM, SOROUSH, 300, 0, 250, 0),
        new FlowCandidate(L, SOROUSH, TELEGRAM, 0, 0, 0, 0));
    soroush(L + 1, 400);
    List<FlowCandidate> out = harness.extractOutputValues();
    assertThat(out).hasSize(4); // day L unchanged: not again
    FlowCandidate move = out.stream().filter(c -> c.day == L + 1 && c.from.equals(TELEGRAM)).findFirst().orElseThrow();
    assertThat(move.loss).isCloseTo(0.01 * (v - 300) + 200, within(1e-6));
    assertThat(move.gain).isCloseTo(150, within(1e-6));
    assertThat(out).filteredOn(c -> c.day == L + 1 && c.from.equals(SOROUSH)).singleElement()
        .isEqualTo(new FlowCandidate(L + 1, SOROUSH, TELEGRAM, 0, 0, 0, 0));

    soroush(L + 1, 400); // a duplicate day end: nothing changes
    assertThat(harness.extractOutputValues()).hasSize(4);

    // A late correction of Soroush's count: the day's Telegram->Soroush figures change, and of
    // Soroush->Telegram only the day's own signed change (a gain of 200 is a loss of -200).
    soroush(L + 1, 450);
    out = harness.extractOutputValues();
    assertThat(out).hasSize(6);
    assertThat(out.subList(4, 6)).containsExactlyInAnyOrder(new FlowCandidate(L + 1, TELEGRAM, SOROUSH, move.loss, 0, 200, 0),
        new FlowCandidate(L + 1, SOROUSH, TELEGRAM, 0, 0, 0, 0));
    assertThat(out.subList(4, 6)).filteredOn(c -> c.from.equals(SOROUSH)).singleElement()
        .satisfies(c -> assertThat(c.lossDaily).isCloseTo(-200, within(1e-6)));
    assertThat(out.subList(4, 6)).filteredOn(c -> c.from.equals(TELEGRAM)).singleElement()
        .satisfies(c -> assertThat(c.gainDaily).isCloseTo(200, within(1e-6)));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(5); // both sides, link day, found by, emitted
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anEarlierLinkDayAddsTheDaysFromThere() throws Exception {
    for (long d = L - 25; d <= L + 1; d++) {
      harness.processElement(new PairDayEnd(PAIR, 1, L + 1, new DayEnd("telegram", "khamenei_ir", d, 10_001 + 10 * (d - L + 25), 0)), 0);
      harness.processElement(new PairDayEnd(PAIR, 0, L + 1, new DayEnd("soroush", "khamenei_ir", d, 5_001, 0)), 0);
    }
    assertThat(harness.extractOutputValues()).as("recomputed at the watermark, not per input").isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    watermark();
    assertThat(harness.extractOutputValues()).extracting(c -> c.day).containsOnly(L + 1).hasSize(2);
    // an earlier announcement of the pair: the days from it on are estimated too
    harness.processElement(new PairDayEnd(PAIR, 0, L - 1, new DayEnd("soroush", "khamenei_ir", L + 1, 5_001, 0)), 0);
    watermark();
    assertThat(harness.extractOutputValues()).extracting(c -> c.day).containsOnly(L - 1, L, L + 1);
  }

  @Test
  void anInferredPairsCandidatesSayInferredUntilThePairIsAnnounced() throws Exception {
    for (long d = L - 25; d <= L + 1; d++) {
      PairDayEnd t = new PairDayEnd(PAIR, 1, L, new DayEnd("telegram", "khamenei_ir", d, 10_001 + 10 * (d - L + 25), 0));
      PairDayEnd s = new PairDayEnd(PAIR, 0, L, new DayEnd("soroush", "khamenei_ir", d, 5_001 + (d >= L ? 100 : 0), 0));
      t.foundBy = FoundBy.INFERRED;
      s.foundBy = FoundBy.INFERRED;
      harness.processElement(t, 0);
      harness.processElement(s, 0);
    }
    watermark();
    List<FlowCandidate> inferred = harness.extractOutputValues();
    assertThat(inferred).hasSize(4).allMatch(c -> c.foundBy.equals(FoundBy.INFERRED));

    // The owner announces the pair later: every candidate again, as announced, with the same figures.
    PairDayEnd announced = new PairDayEnd(PAIR, 0, L, new DayEnd("soroush", "khamenei_ir", L + 1, 5_101, 0));
    announced.foundBy = FoundBy.ANNOUNCED;
    harness.processElement(announced, 0);
    watermark();
    List<FlowCandidate> all = harness.extractOutputValues();
    assertThat(all).hasSize(8);
    assertThat(all.subList(4, 8)).allMatch(c -> c.foundBy.equals(FoundBy.ANNOUNCED)).containsExactlyInAnyOrderElementsOf(inferred);

    // Another inferred finding of an announced pair changes nothing.
    PairDayEnd again = new PairDayEnd(PAIR, 1, L, new DayEnd("telegram", "khamenei_ir", L + 1, 10_261, 0));
    again.foundBy = FoundBy.INFERRED;
    harness.processElement(again, 0);
    watermark();
    assertThat(harness.extractOutputValues()).hasSize(8);
  }

  /** One day end, then a watermark: the pair is recomputed after each input. */
  private void telegram(long day, double value) throws Exception {
    harness.processElement(new PairDayEnd(PAIR, 1, L, new DayEnd("telegram", "khamenei_ir", day, value, 0)), 0);
    watermark();
  }

  private void soroush(long day, double value) throws Exception {
    harness.processElement(new PairDayEnd(PAIR, 0, L, new DayEnd("soroush", "khamenei_ir", day, value, 0)), 0);
    watermark();
  }

  private long watermark;

  private void watermark() throws Exception {
    harness.processWatermark(++watermark);
  }
}
