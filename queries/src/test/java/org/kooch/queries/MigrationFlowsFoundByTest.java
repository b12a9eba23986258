package org.kooch.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.schemas.PlatformRegistry;

/** Flows on pairs found by an announcement, by inference, or both, from tables whose sums are known. */
class MigrationFlowsFoundByTest {
  @Test
  void filtersChannelPairsByHowTheyWereFoundAndKeepsTheInferredPartOfAll() {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("found_by");
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      g.execute("INSERT INTO channel_flows (day, from_platform, from_channel, to_platform, to_channel, flow, flow_low, flow_high, found_by, version)"
          + " VALUES ('2018-04-24', 'telegram', 'irna', 'soroush', 'irna', 300, 250, 350, 'inferred', 1),"
          + " ('2018-04-24', 'telegram', 'khamenei', 'soroush', 'khamenei', 1000, 900, 1100, 'announced', 1),"
          + " ('2018-04-25', 'telegram', 'irna', 'soroush', 'irna', 200, 150, 260, 'inferred', 1),"
          + " ('2018-04-25', 'telegram', 'irna', 'soroush', 'irna', 210, 160, 270, 'announced', 2)," // announced later: the newer row wins
          + " ('2018-04-25', 'telegram', 'tasnim', 'eitaa', 'tasnim', 0, 0, 0, 'inferred', 1)"); // "no flow"
      g.execute("INSERT INTO migration_flows (day, from_platform, to_platform, flow, flow_low, flow_high, channel_pairs, inferred_flow, inferred_pairs, version)"
          + " VALUES ('2018-04-24', 'telegram', 'soroush', 1300, 1150, 1450, 2, 300, 1, 1),"
          + " ('2018-04-25', 'telegram', 'soroush', 210, 160, 270, 1, 0, 0, 1)");
      MigrationFlows flows = new MigrationFlows(g, PlatformRegistry.defaults());

      List<MigrationFlows.Row> all = flows.rows(Filters.all());
      assertThat(all).extracting(r -> r.day() + " " + r.flow() + " " + r.inferredFlow()).containsExactly(
          "2018-04-24 1300 300", "2018-04-25 210 0");
      assertThat(flows.rows(Filters.all(), MigrationFlows.INFERRED))
          .extracting(r -> r.day() + " " + r.from() + ">" + r.to() + " " + r.flow() + " " + r.flowLow() + ".." + r.flowHigh() + " " + r.channelPairs())
          .containsExactly("2018-04-24 telegram>soroush 300 250..350 1");
      assertThat(flows.rows(Filters.all(), MigrationFlows.ANNOUNCED))
          .extracting(r -> r.day() + " " + r.flow() + " " + r.inferredFlow() + " " + r.channelPairs())
          .containsExactly("2018-04-24 1000 0 1", "2018-04-25 210 0 1");
      MigrationFlows.Pair total = flows.query(Filters.all()).pairs().get(0);
      assertThat(total.total()).isEqualTo(1510);
      assertThat(total.totalInferred()).isEqualTo(300);
      assertThat(MigrationFlows.totalsTable(flows.query(Filters.all())).columns()).endsWith("inferred_flow");
      assertThatThrownBy(() -> flows.rows(Filters.all(), "rumour")).isInstanceOf(BadRequestException.class)
          .hasMessage("found_by must be announced or inferred, not 'rumour'");
    }
  }
}
