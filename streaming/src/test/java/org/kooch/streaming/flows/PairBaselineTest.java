package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * A synthetic pair: channel A (Telegram) grows 1% a day, then loses people from the link day on;
 * channel B (Soroush) is new on the link day. Expected figures are worked out by hand.
 */
class PairBaselineTest {
  private static final long L = 17_000; // link day
  private static final String A = "telegram/khamenei_ir";
  private static final String B = "soroush/khamenei_ir";
  private static final Offset<Double> EXACT = within(1e-6);

  private final TreeMap<Long, double[]> a = new TreeMap<>();
  private final TreeMap<Long, double[]> b = new TreeMap<>();

  /** A's 30 days before the link: 10,000 growing 1% a day. */
  private void steadyA() {
    for (long d = L - 30; d < L; d++) {
      a.put(d, new double[] {10_000 * Math.pow(1.01, d - (L - 30)), 0});
    }
  }

  private double a(long d) {
    return a.get(d)[0];
  }

  @Test
  void lossOfTheOldChannelAndGainOfTheNewOneAgainstTheirBaselines() {
    steadyA();
    a.put(L, new double[] {a(L - 1) * 1.01 - 300, 0}); // 300 fewer than its growth predicts
    a.put(L + 1, new double[] {a(L) * 1.01 - 200, 0});
    a.put(L + 2, new double[] {a(L + 1) * 1.01, 0}); // back to normal
    b.put(L, new double[] {250, 0}); // opened on the link day: gains all it has
    b.put(L + 1, new double[] {450, 0});
    b.put(L + 2, new double[] {460, 0});

    List<FlowCandidate> cs = PairBaseline.candidates(A, a, B, b, L);

    assertThat(cs).hasSize(6);
    assertCandidate(cs.get(0), L, A, B, 300, 250);
    assertCandidate(cs.get(1), L, B, A, 0, 0);
    assertCandidate(cs.get(2), L + 1, A, B, 200, 200);
    assertCandidate(cs.get(3), L + 1, B, A, 0, 0);
    assertCandidate(cs.get(4), L + 2, A, B, 0, 10);
    assertCandidate(cs.get(5), L + 2, B, A, 0, 0);
    for (FlowCandidate c : cs) {
      // exact counts and a noiseless baseline: no uncertainty
      assertThat(c.lossUncertainty).isCloseTo(0, EXACT);
      assertThat(c.gainUncertainty).isCloseTo(0, EXACT);
    }
  }

  @Test
  void aGapOfTwoDaysIsInterpolatedAndWidensTheRange() {
    steadyA();
    double atLink = a(L - 1) * 1.01 - 300;
    a.put(L, new double[] {atLink, 0});
    a.put(L + 3, new double[] {atLink - 900, 0}); // L+1 and L+2 missing: 300 a day
    for (long d = L; d <= L + 3; d++) {
      b.put(d, new double[] {250 + 300 * (d - L), 0});
    }

    List<FlowCandidate> cs = PairBaseline.candidates(A, a, B, b, L);

    assertThat(cs).hasSize(8);
    assertCandidate(cs.get(2), L + 1, A, B, 0.01 * atLink + 300, 300);
    assertCandidate(cs.get(4), L + 2, A, B, 0.01 * (atLink - 300) + 300, 300);
    assertCandidate(cs.get(6), L + 3, A, B, 0.01 * (atLink - 600) + 300, 300);
    // an interpolated day lies within half the gap's change of its neighbours: 450
    assertThat(cs.get(2).lossUncertainty).isCloseTo(450, EXACT);
    assertThat(cs.get(4).lossUncertainty).isCloseTo(900, EXACT);
    assertThat(cs.get(6).lossUncertainty).isCloseTo(450, EXACT);
    assertThat(cs.get(2).gainUncertainty).isCloseTo(0, EXACT);
  }

  @Test
  void aGapLongerThanFiveDaysIsNotInterpolated() {
    steadyA();
    a.put(L, new double[] {a(L - 1) * 1.01 - 300, 0});
    a.put(L + 7, new double[] {a(L) - 2_100, 0}); // six days missing
    for (long d = L; d <= L + 7; d++) {
      b.put(d, new double[] {250 + 300 * (d - L), 0});
    }

    List<FlowCandidate> cs = PairBaseline.candidates(A, a, B, b, L);

    assertThat(cs).extracting(c -> c.day).containsOnly(L);
  }

  @Test
  void theBaselineRateIsTheMedianSoOneOutlierDayDoesNotMoveIt() {
    steadyA();
    for (long d = L - 10; d < L; d++) {
      a.put(d, new double[] {a(d - 1) * (d == L - 10 ? 1.20 : 1.01), 0}); // a 20% jump (a promotion) once
    }
    a.put(L, new double[] {a(L - 1) * 1.01 - 300, 0});
    b.put(L, new double[] {250, 0});

    List<FlowCandidate> cs = PairBaseline.candidates(A, a, B, b, L);

    // a mean of the daily rates (1.95%) would add about 0.95% of 13,000 to the loss
    assertCandidate(cs.get(0), L, A, B, 300, 250);
    assertThat(cs.get(0).lossUncertainty).isCloseTo(0, EXACT); // noise: the median residual is 0
  }

  @Test
  void noisyHistoryGivesAnUncertainty() {
    for (long d = L - 30; d < L; d++) {
      a.put(d, new double[] {10_000 + 100 * (d - (L - 30)) + (d % 2 == 0 ? 10 : -10), 0});
    }
    a.put(L, new double[] {a(L - 1), 0});
    b.put(L, new double[] {250, 0});
    FlowCandidate c = PairBaseline.candidates(A, a, B, b, L).get(0);
    assertThat(c.lossUncertainty).isGreaterThan(0);
  }

  @Test
  void nothingBeforeTheLinkDayOrWithoutBothSides() {
    steadyA();
    b.put(L - 5, new double[] {250, 0});
    assertThat(PairBaseline.candidates(A, a, B, b, L)).isEmpty(); // no data from the link day on
    assertThat(PairBaseline.candidates(A, a, B, new TreeMap<>(), L - 10)).isEmpty();
    b.put(L - 4, new double[] {260, 0});
    assertThat(PairBaseline.candidates(A, a, B, b, L - 5)).extracting(c -> c.day).containsOnly(L - 5, L - 4).hasSize(4);
  }

  @Test
  void aDropReadIntoTheEveOfTheLinkDayCountsOnTheLinkDay() {
    steadyA();
    // The day end before the link day was interpolated between observations on either side, the
    // later one already after the announcement: 200 of the link day's 500 leavers show on the eve.
    a.put(L - 1, new double[] {a(L - 1) - 200, 0});
    a.put(L, new double[] {a(L - 2) * 1.01 * 1.01 - 500, 0});
    b.put(L, new double[] {500, 0});

    List<FlowCandidate> cs = PairBaseline.candidates(A, a, B, b, L);

    // All 500 on the link day (measured from two days before), not the 300 the eve leaves; the
    // eve's trend is taken on its lowered count (1% of 200 less growth expected).
    assertThat(cs.get(0).loss).isCloseTo(498, within(1e-6));
    // The day's own signed figures (for the move's ratio) are the same on the link day; the
    // reverse direction has the target's gain as a negative loss.
    assertThat(cs.get(0).lossDaily).isCloseTo(498, within(1e-6));
    assertThat(cs.get(0).gainDaily).isCloseTo(500, within(1e-6));
    assertThat(cs.get(1).lossDaily).isCloseTo(-500, within(1e-6));
  }

  @Test
  void aNewChannelFirstSeenAfterTheLinkDayGainedFromTheLinkDayOn() {
    steadyA();
    a.put(L, new double[] {a(L - 1) * 1.01 - 300, 0});
    a.put(L + 1, new double[] {a(L) * 1.01 - 300, 0});
    b.put(L + 1, new double[] {600, 0}); // opened for the move, not observed on the link day

    List<FlowCandidate> cs = PairBaseline.candidates(A, a, B, b, L);

    // Its 600 are spread over the link day and the next rather than all put on the second day.
    assertCandidate(cs.get(0), L, A, B, 300, 300);
    assertCandidate(cs.get(2), L + 1, A, B, 300, 300);
  }

  private static void assertCandidate(FlowCandidate c, long day, String from, String to, double loss, double gain) {
    assertThat(c.day).isEqualTo(day);
    assertThat(c.from).isEqualTo(from);
    assertThat(c.to).isEqualTo(to);
    assertThat(c.loss).as("loss on %s", c).isCloseTo(loss, EXACT);
    assertThat(c.gain).as("gain on %s", c).isCloseTo(gain, EXACT);
  }
}
