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
    add(new FlowCandidate(DAY, FROM, SOROUSH, 200, 0, 300, 0));
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200));

    add(new FlowCandidate(DAY, FROM, GAP, 200, 0, 100, 0)); // a second target the same day: 300:100
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200), row(GAP, 50), row(SOROUSH, 150));

    add(new FlowCandidate(DAY, FROM, SOROUSH, 200, 0, 0, 0)); // corrected: Soroush gained nothing
    assertThat(harness.extractOutputValues()).endsWith(row(GAP, 100), row(SOROUSH, 0)).hasSize(5);

    add(new FlowCandidate(DAY, FROM, GAP, 200, 0, 100, 0)); // unchanged: nothing new
    assertThat(harness.extractOutputValues()).hasSize(5);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  @Test
  void aTargetThatNeverHadAFlowGetsNoRows() throws Exception {
    add(new FlowCandidate(DAY, FROM, SOROUSH, 0, 0, 0, 0)); // the reverse direction of a move, typically
    add(new FlowCandidate(DAY + 1, FROM, SOROUSH, 500, 0, 0, 0));
    assertThat(harness.extractOutputValues()).isEmpty();
    // a possible flow within the uncertainty is written, with its range
    add(new FlowCandidate(DAY + 2, FROM, SOROUSH, 0, 40, 0, 30));
    assertThat(harness.extractOutputValues()).containsExactly(new ChannelFlowRow(DAY + 2, FROM, SOROUSH, 0, 0, 30));
  }

  @Test
  void daysAreIndependent() throws Exception {
    add(new FlowCandidate(DAY, FROM, SOROUSH, 200, 0, 300, 0));
    add(new FlowCandidate(DAY + 1, FROM, GAP, 200, 0, 100, 0));
    assertThat(harness.extractOutputValues()).containsExactly(row(SOROUSH, 200), new ChannelFlowRow(DAY + 1, FROM, GAP, 100, 100, 100));
  }

  private void add(FlowCandidate c) throws Exception {
    harness.processElement(c, 0);
  }

  private static ChannelFlowRow row(String to, long flow) {
    return new ChannelFlowRow(DAY, FROM, to, flow, flow, flow);
  }
}
