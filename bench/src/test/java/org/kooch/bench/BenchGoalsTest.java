package org.kooch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmarks print how far a figure is from its goal, and nothing when it is met. */
class BenchGoalsTest {
  @Test
  void aQueryOverASecondAtP99PrintsItsGap() {
    assertThat(new QueryLatency.Latency("/api/attention", 900, 2_500).gap()).isEqualTo("   p99 1,500 ms over the 1 s goal");
    assertThat(new QueryLatency.Latency("/api/platforms", 20, 999.9).gap()).isEmpty();
  }

  @Test
  void aBackfillUnderTwiceTheBaselinesRatePrintsItsGap() {
    assertThat(BenchCompareCommand.rateGap(0.95)).isEqualTo("; the goal is 2x: 1.05x short");
    assertThat(BenchCompareCommand.rateGap(2.0)).isEmpty();
  }
}
