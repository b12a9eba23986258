package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {
  @Test
  void streamingAndUnknownBacklogsCheckpointEveryTenSeconds() {
    assertThat(JobSettings.defaultCheckpointInterval(false, 50_000_000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(JobSettings.defaultCheckpointInterval(true, -1)).isEqualTo(Duration.ofSeconds(10));
  }

  /** About the same number of checkpoints at any size: the interval grows with the backlog, within 10 s and 2 min. */
  @Test
  void boundedRunsCheckpointLessOftenTheMoreTheyRead() {
    assertThat(JobSettings.defaultCheckpointInterval(true, 10_000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(JobSettings.defaultCheckpointInterval(true, 5_000_000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(JobSettings.defaultCheckpointInterval(true, 20_000_000)).isEqualTo(Duration.ofSeconds(25));
    assertThat(JobSettings.defaultCheckpointInterval(true, 50_000_000)).isEqualTo(Duration.ofSeconds(62));
    assertThat(JobSettings.defaultCheckpointInterval(true, 500_000_000)).isEqualTo(Duration.ofMinutes(2));
  }
}
