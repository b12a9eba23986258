package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterPrecisionTest {
  @Test
  void wholeMillionsAndThousandsLookRounded() {
    assertThat(CounterPrecision.halfUnit(1_600_000)).isEqualTo(50_000); // "1.6M"
    assertThat(CounterPrecision.halfUnit(40_000_000)).isEqualTo(50_000); // "40M"
    assertThat(CounterPrecision.halfUnit(705_300)).isEqualTo(50); // "705.3K"
    assertThat(CounterPrecision.halfUnit(12_500)).isEqualTo(50); // "۱۲٫۵ هزار"
  }

  @Test
  void otherCountsLookExact() {
    assertThat(CounterPrecision.halfUnit(1_612_345)).isZero();
    assertThat(CounterPrecision.halfUnit(705_321)).isZero();
    assertThat(CounterPrecision.halfUnit(12_501)).isZero();
    // Below a thousand pages show the exact number, round or not.
    assertThat(CounterPrecision.halfUnit(900)).isZero();
    assertThat(CounterPrecision.halfUnit(0)).isZero();
  }
}
