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

  @Test
  void theRatioIsTheMovesLossOverItsTargetsGainsFromTheDailyFigures() {
    String gap = "gap/khamenei_ir";
    String soroush = "soroush/khamenei_ir";
    // Day 1: two pairs see the source lose 590 and 610 (their mean, 600, counts once); the targets
    // gain 700 and 500. Day 2: a noisy rise of the source (-100) and 100 more gained.
    List<List<FlowCandidate>> days = List.of(
        List.of(new FlowCandidate(1, FROM, gap, 0, 0, 0, 0).withDaily(590, 700), new FlowCandidate(1, FROM, soroush, 0, 0, 0, 0).withDaily(610, 500)),
        List.of(new FlowCandidate(2, FROM, gap, 0, 0, 0, 0).withDaily(-100, 100)));
    assertThat(FlowSplit.ratio(days)).isEqualTo(0.38); // 500 / 1,300, to two decimals
    // Within [0, 1]; no ratio when the targets gained nothing (a reverse direction, typically)
    assertThat(FlowSplit.ratio(List.of(List.of(new FlowCandidate(1, FROM, gap, 0, 0, 0, 0).withDaily(900, 300))))).isEqualTo(1.0);
    assertThat(FlowSplit.ratio(List.of(List.of(new FlowCandidate(1, FROM, gap, 0, 0, 0, 0).withDaily(-900, 300))))).isEqualTo(0.0);
    assertThat(FlowSplit.ratio(List.of(List.of(new FlowCandidate(1, FROM, gap, 0, 0, 0, 0).withDaily(900, -300))))).isNaN();
  }

  @Test
  void rowsAverageTheDaysSplitLossAndTheRatioTimesEachTargetsGain() {
    // The day's smoothed loss of 400 split 100:300; the targets gained 120 and 280 that day alone.
    List<FlowCandidate> cs = List.of(
        new FlowCandidate(17_000, FROM, "gap/khamenei_ir", 400, 0, 100, 0).withDaily(400, 120),
        new FlowCandidate(17_000, FROM, "soroush/khamenei_ir", 400, 0, 300, 0).withDaily(400, 280));
    List<ChannelFlowRow> rows = FlowSplit.rows(17_000, cs, 0.5);
    assertThat(rows).extracting(r -> r.flow).containsExactly(80L, 220L); // (100 + 60) / 2, (300 + 140) / 2
    assertThat(rows).allSatisfy(r -> assertThat(r.flowLow).isLessThanOrEqualTo(r.flow));
    assertThat(rows).allSatisfy(r -> assertThat(r.flowHigh).isGreaterThanOrEqualTo(r.flow));
    assertThat(FlowSplit.rows(17_000, cs, Double.NaN)).extracting(r -> r.flow).containsExactly(100L, 300L);
  }
}
