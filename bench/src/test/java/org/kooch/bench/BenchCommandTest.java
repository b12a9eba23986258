package org.kooch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/**
 * {@code kooch bench performance --only throughput} on a small input, through the bench's command
 * line: every stage runs (its own broker, two bounded Flink jobs, the shared ClickHouse) and is
 * printed with its rate against Kafka's. The figures themselves are for docs/performance.md, not asserted.
 */
class BenchCommandTest {
  private static final Pattern ROW = Pattern.compile("^(.+?)\\s+([\\d,]+)\\s+([\\d.]+)\\s+([\\d,]+)\\s+(\\d+)%$");

  @Test
  void printsEveryThroughputStageWithItsRateAndTheFloorUnderThePipeline() {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("bench_cmd");
    BenchCli.Result r = BenchCli.run("performance", "--only", "throughput", "--records", "20000",
        "--parallelism", "1", "--clickhouse", ch.url(), "--database", ch.database());
    assertThat(r.exit()).as(r.err()).isZero();

    List<String> rows = r.out().lines().filter(l -> ROW.matcher(l.strip()).matches()).toList();
    // The steady rate while reading needs two progress samples between 10% and 90% of the input,
    // which a run this short may not give; the stage is left out then.
    assertThat(rows).extracting(l -> stage(l)).filteredOn(s -> !s.startsWith("same, while reading")).containsExactly(
        "Kafka produce, raw (reference)",
        "ingest: kooch import -> Kafka (Avro)",
        "pipeline: Kafka -> Flink -> ClickHouse",
        "floor: raw tables only (no analytics)",
        "ClickHouse insert alone (posts)");
    assertThat(r.out()).doesNotContain("NaN").doesNotContain("Infinity");
    for (String row : rows) {
      Matcher m = ROW.matcher(row.strip());
      assertThat(m.matches()).isTrue();
      assertThat(Long.parseLong(m.group(4).replace(",", ""))).as(row).isPositive();
    }
    assertThat(rows.get(0)).endsWith(" 100%");
    // Both jobs read the whole input: every fourth round over the 2,000 channels is counts (rounds 3 and 7 of 10), the rest posts, and all of them landed.
    for (String db : List.of(ch.database() + "_bench", ch.database() + "_bench_raw")) {
      try (ClickHouseGateway g = new ClickHouseGateway(ch.withDatabase(db))) {
        assertThat(g.query("SELECT count() AS n FROM posts").get(0).get("n").asLong()).as(db).isEqualTo(16_000);
        assertThat(g.query("SELECT count() AS n FROM subscriber_snapshots").get(0).get("n").asLong()).as(db).isEqualTo(4_000);
      }
    }
    assertThat(r.out()).containsPattern("heap: peak used [\\d,]+ MB of max [\\d,]+ MB");
  }

  private static String stage(String row) {
    Matcher m = ROW.matcher(row.strip());
    return m.matches() ? m.group(1).strip() : row;
  }

}
