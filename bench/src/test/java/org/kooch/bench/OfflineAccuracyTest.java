package org.kooch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code kooch bench offline-accuracy}: the job's flow arithmetic without Flink, scored per variant. */
class OfflineAccuracyTest {
  private static final Pattern ALL = Pattern.compile("^(\\S+)\\s+all\\s+([\\d.]+)%\\s+([\\d,]+)\\s+([\\d,]+)$");

  @Test
  void scoresEachVariantCloseToTheJobsFigures() {
    BenchCli.Result r = BenchCli.run("offline-accuracy", "seed:2018", "noise:2", "--pairs");
    assertThat(r.exit()).as(r.err()).isZero();

    List<Matcher> totals = r.out().lines().map(l -> ALL.matcher(l.strip())).filter(Matcher::matches).toList();
    assertThat(totals).extracting(m -> m.group(1)).containsExactly("seed:2018", "noise:2");
    // The job's WAPE is 11.2% at default noise and 28.8% at twice the noise (docs/accuracy.md).
    double atDefaultNoise = Double.parseDouble(totals.get(0).group(2));
    double atTwiceTheNoise = Double.parseDouble(totals.get(1).group(2));
    assertThat(atDefaultNoise).isLessThan(15);
    assertThat(atTwiceTheNoise).isLessThan(35).isGreaterThan(atDefaultNoise);
    for (Matcher m : totals) {
      double real = Double.parseDouble(m.group(3).replace(",", ""));
      double estimated = Double.parseDouble(m.group(4).replace(",", ""));
      assertThat(estimated / real).as(m.group()).isBetween(0.85, 1.15);
    }
    assertThat(r.out()).contains("telegram>soroush");
  }

  @Test
  void refusesAnUnknownVariant() {
    BenchCli.Result r = BenchCli.run("offline-accuracy", "weather:7");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("seed:N, noise:F or dual-homing:S, not weather:7");
  }
}
