package org.kooch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.simulate.Scenario;

/**
 * The default scenario through the real job into ClickHouse, scored against its truth: guards the
 * estimator against regressions. The bounds sit above today's measured figures (docs/accuracy.md).
 */
class AccuracyBenchmarkTest {
  @Test
  void defaultScenarioFlowsAndTotalsAreCloseToTheTruth() throws Exception {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("accuracy");
    AccuracyBenchmark.Score score = AccuracyBenchmark.run("seed 2018", Scenario.load(Scenario.IRAN_2018), ch, 2);

    double[] all = score.flowWape().get("all");
    assertThat(all[0]).as("daily flow WAPE, all pairs").isLessThan(0.14); // measured 11.2%, target 15%
    assertThat(all[2] / all[1]).as("estimated / true total flow").isBetween(0.92, 1.06); // measured 0.98
    double[] soroush = score.flowWape().get("telegram>soroush");
    assertThat(soroush[0]).as("daily flow WAPE telegram>soroush").isLessThan(0.11); // measured 7.8%
    for (String reverse : new String[] {"soroush>telegram", "gap>telegram", "eitaa>telegram"}) {
      double[] r = score.flowWape().getOrDefault(reverse, new double[] {0, 0, 0});
      assertThat(r[2]).as("no flow back to Telegram: " + reverse).isLessThan(1_000);
    }
    for (Map.Entry<String, double[]> p : score.totalsError().entrySet()) {
      assertThat(p.getValue()[0]).as("platform total WAPE of " + p.getKey()).isLessThan(0.01);
    }
  }
}
