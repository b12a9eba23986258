package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowSplitTest {
  private static final String FROM = "telegram/khamenei_ir";

  @Test
  void aLossCoveringAllGainsGivesEachTargetItsGain() {
    assertThat(FlowSplit.split(1_000, new double[] {300, 500})).containsExactly(300, 500);
    assertThat(FlowSplit.split(800, new double[] {300, 500})).containsExactly(300, 500);
  }

  @Test
  void aSmallerLossIsSplitInProportionToTheGains() {
    assertThat(FlowSplit.split(400, new double[] {300, 500})).containsExactly(new double[] {150, 250}, within(1e-9));
    // a negative gain (the target shrank) takes nothing, and a negative loss gives nothing
    assertThat(FlowSplit.split(400, new double[] {-100, 200, 600})).containsExactly(new double[] {0, 100, 300}, within(1e-9));
    assertThat(FlowSplit.split(-50, new double[] {100})).containsExactly(0);
    assertThat(FlowSplit.split(0, new double[] {0, 0})).containsExactly(0, 0);
  }

  @Test
  void rowsGiveTheSplitAndARangeFromTheUncertainties() {
    List<FlowCandidate> cs = List.of(
        new FlowCandidate(17_000, FROM, "gap/khamenei_ir", 400, 50, 300, 30),
        new FlowCandidate(17_000, FROM, "soroush/khamenei_ir", 400, 50, 500, 20));
    List<ChannelFlowRow> rows = FlowSplit.rows(17_000, cs);
    // mid: 400 split 300:500; low: 350 split 270:480; high: 450 split 330:520
    assertThat(rows).containsExactly(
        new ChannelFlowRow(17_000, FROM, "gap/khamenei_ir", 150, Math.round(350 * 270 / 750.0), Math.round(450 * 330 / 850.0)),
        new ChannelFlowRow(17_000, FROM, "soroush/khamenei_ir", 250, Math.round(350 * 480 / 750.0), Math.round(450 * 520 / 850.0)));
    for (ChannelFlowRow r : rows) {
      assertThat(r.flowLow).isLessThanOrEqualTo(r.flow);
      assertThat(r.flow).isLessThanOrEqualTo(r.flowHigh);
    }
  }

  @Test
  void theRangeAlwaysContainsTheEstimate() {
    // a large uncertainty on the loss side and none on the gain side
    List<ChannelFlowRow> rows = FlowSplit.rows(17_000, List.of(new FlowCandidate(17_000, FROM, "soroush/khamenei_ir", 1_000, 5_000, 800, 0)));
    ChannelFlowRow r = rows.get(0);
    assertThat(r.flow).isEqualTo(800);
    assertThat(r.flowLow).isLessThanOrEqualTo(800).isGreaterThanOrEqualTo(0);
    assertThat(r.flowHigh).isGreaterThanOrEqualTo(800);
    // the source's loss is the largest any of its pairs saw
    rows = FlowSplit.rows(17_000, List.of(
        new FlowCandidate(17_000, FROM, "gap/khamenei_ir", 100, 0, 300, 0),
        new FlowCandidate(17_000, FROM, "soroush/khamenei_ir", 600, 0, 300, 0)));
    assertThat(rows).extracting(x -> x.flow).containsExactly(300L, 300L);
  }
}
