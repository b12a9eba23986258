package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceFlowSplitterTest {
  private static final long DAY = 17_000;
  private static final String FROM = "telegram/khamenei_ir";
  private static final String SOROUSH = "soroush/khamenei_ir";
  private static final String GAP = "gap/khamenei_ir";

  private KeyedOneInputStreamOperatorTestHarness<String, FlowCandidate, ChannelFlowRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SourceFlowSplitter()), c -> c.from, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void splitsTheLossAcrossTargetsAndWritesACorrectionToZero() throws Exception {
    add(candidate(DAY, FROM, SOROUSH, 200, 0, 300, 0));
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200));

    add(candidate(DAY, FROM, GAP, 200, 0, 100, 0)); // a second target the same day: 300:100
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200), row(GAP, 50), row(SOROUSH, 150));

    add(candidate(DAY, FROM, SOROUSH, 200, 0, 0, 0)); // corrected: Soroush gained nothing
    assertThat(harness.extractOutputValues()).endsWith(row(GAP, 100), row(SOROUSH, 0)).hasSize(5);

    add(candidate(DAY, FROM, GAP, 200, 0, 100, 0)); // unchanged: nothing new
    assertThat(harness.extractOutputValues()).hasSize(5);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3); // days, rows sent, the ratio (no changed days left)
  }

  @Test
  void aTargetThatNeverHadAFlowGetsNoRows() throws Exception {
    add(candidate(DAY, FROM, SOROUSH, 0, 0, 0, 0)); // the reverse direction of a move, typically
    add(candidate(DAY + 1, FROM, SOROUSH, 500, 0, 0, 0));
    assertThat(harness.extractOutputValues()).isEmpty();
    // a possible flow within the uncertainty is written, with its range
    add(candidate(DAY + 2, FROM, SOROUSH, 0, 40, 0, 30));
    assertThat(harness.extractOutputValues()).containsExactly(new ChannelFlowRow(DAY + 2, FROM, SOROUSH, 0, 0, 30));
  }

  @Test
  void daysAreIndependent() throws Exception {
    add(candidate(DAY, FROM, SOROUSH, 200, 0, 300, 0));
    add(candidate(DAY + 1, FROM, GAP, 200, 0, 100, 0));
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200), new ChannelFlowRow(DAY + 1, FROM, GAP, 100, 100, 100));
  }

  @Test
  void aChangeOfTheSourcesRatioEstimatesEveryDayAgain() throws Exception {
    // Day 1: lost 200, Soroush gained 400: half the joiners left (ratio 0.5), and both sides agree.
    add(candidate(DAY, FROM, SOROUSH, 200, 0, 400, 0).withDaily(200, 400));
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200));
    // Day 2 makes the move's ratio (200 + 300) / (400 + 100) = 1: day 1 is averaged again,
    // 200 from its loss and 1 x 400 from its gain.
    add(candidate(DAY + 1, FROM, SOROUSH, 100, 0, 100, 0).withDaily(300, 100));
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200),
        new ChannelFlowRow(DAY, FROM, SOROUSH, 300, 200, 300), new ChannelFlowRow(DAY + 1, FROM, SOROUSH, 100, 100, 100));
    // The same ratio again: only the corrected day is written (80 lost: 40 + 1 x 100 / 2).
    add(candidate(DAY + 1, FROM, SOROUSH, 80, 0, 100, 0).withDaily(300, 100));
    assertThat(harness.extractOutputValues()).hasSize(4).last().isEqualTo(new ChannelFlowRow(DAY + 1, FROM, SOROUSH, 90, 80, 90));
  }

  /** A candidate without daily figures: no ratio side, the day's loss split by gains alone. */
  private static FlowCandidate candidate(long day, String from, String to, double loss, double lossU, double gain, double gainU) {
    return new FlowCandidate(day, from, to, loss, lossU, gain, gainU).withDaily(0, 0);
  }

  /** A candidate, then a watermark: the source is recomputed after each input. */
  private void add(FlowCandidate c) throws Exception {
    harness.processElement(c, 0);
    harness.processWatermark(++watermark);
  }

  private long watermark;

  private static ChannelFlowRow row(String to, long flow) {
    return new ChannelFlowRow(DAY, FROM, to, flow, flow, flow);
  }
}
