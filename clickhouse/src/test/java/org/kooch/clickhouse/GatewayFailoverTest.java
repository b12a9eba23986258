package org.kooch.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cluster's URL list: the gateway moves past a node that does not answer (ClickHouseClusterIT kills a real one). */
class GatewayFailoverTest {
  @Test
  void aListOfUrlsIsParsedAndCheckedOneByOne() {
    ClickHouseSettings s = new ClickHouseSettings(" http://a:8123 , https://b:8443/", "u", "secret", "db");
    assertThat(s.urls()).containsExactly("http://a:8123", "https://b:8443/");
    assertThat(s.toString()).doesNotContain("secret");
    assertThatThrownBy(() -> new ClickHouseSettings("http://a:8123,b:8123", "u", "", "db"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b:8123'");
    assertThatThrownBy(() -> new ClickHouseSettings("http://a:8123,", "u", "", "db")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsAndWritesGoToTheNextNodeWhenOneIsDown() throws IOException {
    ClickHouseSettings live = ClickHouseTestServer.freshDatabase("failover");
    String down = "http://127.0.0.1:" + closedPort();
    ClickHouseSettings both = new ClickHouseSettings(down + "," + live.url(), live.user(), live.password(), live.database());
    try (ClickHouseGateway g = new ClickHouseGateway(both)) {
      g.insertJsonEachRow("platform_stats",
          "{\"platform\":\"gap\",\"observed_at\":\"2018-04-18 12:00:00\",\"reported_users\":1300000,\"source\":\"t\"}\n"
              .getBytes(StandardCharsets.UTF_8));
      assertThat(g.queryLong("SELECT count() FROM v_platform_stats")).isEqualTo(1);
      g.execute("INSERT INTO platform_stats SELECT * FROM platform_stats");
      assertThat(g.queryLong("SELECT count() FROM v_platform_stats")).isEqualTo(1);
    }
    try (ClickHouseGateway g = new ClickHouseGateway(new ClickHouseSettings(down, live.user(), "", live.database()))) {
      assertThatThrownBy(() -> g.query("SELECT 1"))
          .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessageContaining(down);
    }
  }

  @Test
  void errorsOfTheRequestDoNotMoveOn() {
    ClickHouseSettings live = ClickHouseTestServer.freshDatabase("failover_errors");
    ClickHouseSettings twice = new ClickHouseSettings(live.url() + "," + live.url(), live.user(), "", live.database());
    try (ClickHouseGateway g = new ClickHouseGateway(twice)) {
      assertThatThrownBy(() -> g.query("SELECT nonsense FROM nowhere"))
          .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetryable()).isFalse());
    }
    assertThat(List.of(twice.urls().size())).containsExactly(2);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
