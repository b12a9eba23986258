package org.kooch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/** bench compare's verdict: two databases are equal when their views hold the same rows, in any order, NULLs included. */
class ResultDigestTest {

  private static void flows(ClickHouseSettings db, String... rows) {
    try (ClickHouseGateway g = new ClickHouseGateway(db)) {
      g.execute("INSERT INTO migration_flows (day, from_platform, to_platform, flow, flow_low, flow_high, channel_pairs, version) VALUES "
          + String.join(", ", rows));
      g.execute("INSERT INTO channel_links (from_platform, from_channel, to_platform, to_channel, evidence, first_seen, post_id, confidence, version)"
          + " VALUES ('telegram', 'khamenei_ir', 'soroush', 'khamenei_ir', 'profile_link', '2018-04-18 06:30:00', NULL, 0.9, 1)");
    }
  }

  @Test
  void equalRowsInAnyOrderAreEqualAndOneChangedRowIsNot() {
    ClickHouseSettings a = ClickHouseTestServer.freshDatabase("digest_a");
    ClickHouseSettings b = ClickHouseTestServer.freshDatabase("digest_b");
    ClickHouseSettings c = ClickHouseTestServer.freshDatabase("digest_c");
    flows(a, "('2018-04-18', 'telegram', 'soroush', 100, 90, 110, 1, 1)", "('2018-04-19', 'telegram', 'soroush', 50, 40, 60, 1, 1)");
    flows(b, "('2018-04-19', 'telegram', 'soroush', 50, 40, 60, 1, 1)", "('2018-04-18', 'telegram', 'soroush', 100, 90, 110, 1, 1)");
    flows(c, "('2018-04-18', 'telegram', 'soroush', 100, 90, 110, 1, 1)", "('2018-04-19', 'telegram', 'soroush', 51, 40, 60, 1, 1)");

    ResultDigest.Comparison same = ResultDigest.compare(a, a, b);
    assertThat(same.equal()).as(same.report()).isTrue();
    assertThat(same.views().get("v_migration_flows")).containsExactly(2, 0, 0);
    assertThat(same.views().get("v_channel_links")).containsExactly(1, 0, 0); // a NULL post_id matches itself

    ResultDigest.Comparison different = ResultDigest.compare(a, a, c);
    assertThat(different.equal()).isFalse();
    assertThat(different.views().get("v_migration_flows")).containsExactly(2, 1, 1);
    assertThat(different.report()).contains("DIFFERENT");
  }
}
