package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DayEndInterpolationTest {
  private static final long H = 3_600_000L;
  private static final long DAY = 24 * H;
  /** The instant estimated: midnight at the end of some day. */
  private static final long MIDNIGHT = 17_000 * DAY;

  private final TreeMap<Long, Long> obs = new TreeMap<>();

  @Test
  void interpolatesLinearlyBetweenExactObservations() {
    obs.put(MIDNIGHT - 12 * H, 10_001L);
    obs.put(MIDNIGHT + 6 * H, 10_301L);
    double[] v = DayEndInterpolation.at(MIDNIGHT, obs);
    assertThat(v[0]).isCloseTo(10_001 + 300 * 12.0 / 18, within(1e-9));
    assertThat(v[1]).isZero();
  }

  @Test
  void prefersExactCountersOverRoundedOnesAroundTheInstant() {
    obs.put(MIDNIGHT - 12 * H, 10_001L);
    obs.put(MIDNIGHT - 1 * H, 10_500L); // "10.5K": rounded, ignored while exact ones surround the instant
    obs.put(MIDNIGHT + 1 * H, 10_900L); // rounded too
    obs.put(MIDNIGHT + 12 * H, 10_481L);
    double[] v = DayEndInterpolation.at(MIDNIGHT, obs);
    assertThat(v[0]).isCloseTo(10_241, within(1e-9));
    assertThat(v[1]).isZero();
  }

  @Test
  void usesRoundedCountersWhenNoExactOneIsBeforeTheInstantAndCarriesTheirUncertainty() {
    obs.put(MIDNIGHT - 12 * H, 1_600_000L);
    obs.put(MIDNIGHT + 12 * H, 1_700_000L);
    double[] v = DayEndInterpolation.at(MIDNIGHT, obs);
    assertThat(v[0]).isCloseTo(1_650_000, within(1e-6));
    assertThat(v[1]).isCloseTo(50_000, within(1e-9));

    obs.put(MIDNIGHT + 12 * H, 1_612_345L); // an exact one after only: mixed uncertainty
    v = DayEndInterpolation.at(MIDNIGHT, obs);
    assertThat(v[0]).isCloseTo((1_600_000 + 1_612_345) / 2.0, within(1e-6));
    assertThat(v[1]).isCloseTo(25_000, within(1e-9));
  }

  @Test
  void carriesTheLastObservationWhenNoneFollows() {
    obs.put(MIDNIGHT - 30 * H, 10_001L);
    obs.put(MIDNIGHT - 5 * H, 10_077L);
    assertThat(DayEndInterpolation.at(MIDNIGHT, obs)).containsExactly(10_077, 0);
    obs.clear();
    obs.put(MIDNIGHT - 5 * H, 1_600_000L);
    assertThat(DayEndInterpolation.at(MIDNIGHT, obs)).containsExactly(1_600_000, 50_000);
  }

  @Test
  void anObservationAtTheInstantIsTheValue() {
    obs.put(MIDNIGHT - 6 * H, 10_001L);
    obs.put(MIDNIGHT, 10_055L);
    obs.put(MIDNIGHT + 6 * H, 10_999L);
    assertThat(DayEndInterpolation.at(MIDNIGHT, obs)).containsExactly(10_055, 0);
  }

  @Test
  void isNullBeforeTheFirstObservation() {
    obs.put(MIDNIGHT + 1, 10_001L);
    obs.put(MIDNIGHT + 12 * H, 10_301L);
    assertThat(DayEndInterpolation.at(MIDNIGHT, obs)).isNull();
    assertThat(DayEndInterpolation.at(MIDNIGHT, new TreeMap<>())).isNull();
  }

  @Test
  void usesOnlyObservationsWithinTheWindow() {
    obs.put(MIDNIGHT - DayEndInterpolation.WINDOW_MS - 1, 10_001L);
    assertThat(DayEndInterpolation.at(MIDNIGHT, obs)).isNull();
    obs.put(MIDNIGHT - DayEndInterpolation.WINDOW_MS, 10_011L); // the window's edge is inside ...
    obs.put(MIDNIGHT + DayEndInterpolation.WINDOW_MS, 20_011L);
    assertThat(DayEndInterpolation.at(MIDNIGHT, obs)).containsExactly(15_011, 0);
    obs.remove(MIDNIGHT + DayEndInterpolation.WINDOW_MS);
    obs.put(MIDNIGHT + DayEndInterpolation.WINDOW_MS + 1, 20_001L); // ... this one is too far after
    assertThat(DayEndInterpolation.at(MIDNIGHT, obs)).isNull(); // and the one before too old to carry
  }
}
