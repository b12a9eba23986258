package org.kooch.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;

/** The alerts' read side against the real server: logical rows (a replay collapses), newest first, undelivered per channel. */
class AlertsTest {
  static ClickHouseSettings ch;

  @BeforeAll
  static void fill() {
    ch = ClickHouseTestServer.freshDatabase("alerts_read");
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      g.insertJsonEachRow("alerts", (alert("a1", "telegram", "khamenei_ir", "soroush", "announced", "post_link", 30774L, "2018-04-16 10:00:00", "2026-01-01 10:00:00", 9)
          + alert("a2", "telegram", "farsna", "gap", "inferred", "inferred", null, "2018-04-17 00:00:00", "2026-01-01 11:00:00", 9)
          + alert("a3", "telegram", "tasnim", "eitaa", "announced", "profile_link", null, "2018-04-18 08:00:00", "2026-01-02 09:00:00", 9))
          .getBytes(StandardCharsets.UTF_8));
      // A replay raised a1 again later, in another part: the first raising has the higher version and wins.
      g.insertJsonEachRow("alerts", alert("a1", "telegram", "khamenei_ir", "soroush", "announced", "post_link", 30774L, "2018-04-16 10:00:00",
          "2026-01-03 00:00:00", 5).getBytes(StandardCharsets.UTF_8));
      g.insertJsonEachRow("alert_deliveries", ("{\"alert_id\":\"a1\",\"channel\":\"webhook\",\"delivered_at\":\"2026-01-01 10:00:05\",\"attempts\":1}\n"
          + "{\"alert_id\":\"a2\",\"channel\":\"mail\",\"delivered_at\":\"2026-01-01 11:00:05\",\"attempts\":2}\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void newestFirstEachPairOnce() {
    try (ClickHouseGateway g = new ClickHouseGateway(ClickHouseTestServer.readOnly(ch))) {
      Alerts alerts = new Alerts(g);
      assertThat(alerts.since(null, 10)).extracting(Alerts.Alert::alertId).containsExactly("a3", "a2", "a1");
      Alerts.Alert a1 = alerts.since(null, 10).get(2);
      assertThat(a1.raisedAt()).isEqualTo("2026-01-01 10:00:00");
      assertThat(a1.seenAt()).isEqualTo("2018-04-16 10:00:00");
      assertThat(a1.postId()).isEqualTo(30774L);
      assertThat(a1.toPlatform()).isEqualTo("soroush");
      assertThat(alerts.since(null, 10).get(1).postId()).isNull();
      assertThat(alerts.since(Instant.parse("2026-01-01T10:30:00Z"), 10)).extracting(Alerts.Alert::alertId).containsExactly("a3", "a2");
      assertThat(alerts.since(Instant.parse("2999-01-01T00:00:00Z"), 10)).isEmpty(); // past DateTime's range
      assertThat(alerts.since(null, 1)).extracting(Alerts.Alert::alertId).containsExactly("a3");
      assertThatThrownBy(() -> alerts.since(null, 0)).isInstanceOf(BadRequestException.class);
    }
  }

  @Test
  void undeliveredPerChannelOldestFirst() {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      Alerts alerts = new Alerts(g);
      assertThat(alerts.undelivered("webhook", 10)).extracting(Alerts.Alert::alertId).containsExactly("a2", "a3");
      assertThat(alerts.undelivered("mail", 10)).extracting(Alerts.Alert::alertId).containsExactly("a1", "a3");
      assertThat(alerts.undelivered("it's", 10)).hasSize(3); // the channel enters SQL as a literal
    }
  }

  @Test
  void asATable() {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      Table t = Alerts.table(new Alerts(g).since(null, 10));
      assertThat(t.columns()).startsWith("raised_at", "kind", "from_platform", "from_channel", "to_platform", "to_channel");
      assertThat(t.toCsv()).contains("2026-01-02 09:00:00,announced,telegram,tasnim,eitaa,tasnim,profile_link,");
    }
  }

  private static String alert(String id, String fromPlatform, String channel, String toPlatform, String kind, String evidence, Long postId,
      String seen, String raised, long version) {
    return "{\"alert_id\":\"" + id + "\",\"pair\":\"" + fromPlatform + "/" + channel + "|" + toPlatform + "/" + channel + "\",\"kind\":\"" + kind
        + "\",\"from_platform\":\"" + fromPlatform + "\",\"from_channel\":\"" + channel + "\",\"to_platform\":\"" + toPlatform
        + "\",\"to_channel\":\"" + channel + "\",\"evidence\":\"" + evidence + "\",\"confidence\":0.8,\"post_id\":" + postId
        + ",\"seen_at\":\"" + seen + "\",\"raised_at\":\"" + raised + "\",\"version\":" + version + "}\n";
  }
}
