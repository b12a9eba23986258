package org.kooch.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {
  @Test
  void migratesOnceAndIsSafeToRunAgain() {
    ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("migrator");
    assertThat(new SchemaMigrator(settings).migrate()).isEmpty();
    try (ClickHouseGateway g = new ClickHouseGateway(settings)) {
      List<String> tables =
          g.query("SELECT name FROM system.tables WHERE database = " + Sql.literal(settings.database()) + " ORDER BY name")
              .stream().map(r -> r.get("name").asText()).toList();
      assertThat(tables)
          .contains("posts", "subscriber_snapshots", "channel_profiles", "platform_stats", "channel_daily",
              "v_posts", "v_channel_daily", "kooch_schema_migrations");
      assertThat(g.queryLong("SELECT count() FROM kooch_schema_migrations"))
          .isEqualTo(SchemaMigrator.migrations().size());
    }
  }

  @Test
  void addsAColumnOnlyWhenItIsMissingOnEveryServerVersion() {
    ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("add_column");
    String db = settings.database();
    try (ClickHouseGateway g = new ClickHouseGateway(settings)) {
      g.execute("CREATE TABLE " + db + ".t (a Int64) ENGINE = MergeTree() ORDER BY a");
      g.execute("INSERT INTO " + db + ".t (a) VALUES (1)");
      String add = "ALTER TABLE " + db + ".t ADD COLUMN IF NOT EXISTS kind String DEFAULT 'announced'";
      assertThat(SchemaMigrator.addColumnIfMissing(g, add)).isTrue();
      assertThat(SchemaMigrator.addColumnIfMissing(g, add)).isTrue();
      assertThat(g.query("SELECT a, kind FROM " + db + ".t").get(0).get("kind").asText()).isEqualTo("announced");
      assertThat(g.queryLong("SELECT count() FROM system.columns WHERE database = " + Sql.literal(db) + " AND table = 't'"))
          .isEqualTo(2);
      assertThat(SchemaMigrator.addColumnIfMissing(g, "CREATE TABLE IF NOT EXISTS " + db + ".u (a Int64) ENGINE = Log")).isFalse();
    }
  }

  @Test
  void flowsWrittenBeforePairsWereInferredReadAsAnnounced() {
    ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("found_by");
    try (ClickHouseGateway g = new ClickHouseGateway(settings)) {
      g.execute("INSERT INTO channel_flows (day, from_platform, from_channel, to_platform, to_channel, flow, flow_low, flow_high, version)"
          + " VALUES ('2018-04-20', 'telegram', 'a', 'soroush', 'a', 10, 5, 20, 1)");
      assertThat(g.query("SELECT found_by FROM v_channel_flows").get(0).get("found_by").asText()).isEqualTo("announced");
      assertThat(g.query("SELECT found_by FROM channel_flows_by_account FINAL").stream().map(r -> r.get("found_by").asText()))
          .containsExactly("announced", "announced");
    }
  }

  @Test
  void viewsReturnEachLogicalRowOnceAndKeepPersianText() {
    ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("views");
    String text = "سلام\u200cدنیا 🌹 \"quoted\"\ttab";
    String row =
        "{\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"post_id\":1,\"published_at\":\"2018-04-18 06:30:00\","
            + "\"collected_at\":\"2018-04-18 07:00:00\",\"text\":\"" + text.replace("\"", "\\\"").replace("\t", "\\t")
            + "\",\"views\":10,\"forwards\":null,\"links\":[],\"source\":\"t\",\"version\":1}\n";
    String newer = row.replace("\"views\":10", "\"views\":20").replace("\"version\":1", "\"version\":2");
    try (ClickHouseGateway g = new ClickHouseGateway(settings)) {
      g.insertJsonEachRow("posts", row.getBytes(StandardCharsets.UTF_8));
      g.insertJsonEachRow("posts", newer.getBytes(StandardCharsets.UTF_8));
      g.insertJsonEachRow("posts", row.getBytes(StandardCharsets.UTF_8));
      assertThat(g.queryLong("SELECT count() FROM posts")).isEqualTo(3);
      List<JsonNode> rows = g.query("SELECT text, views FROM v_posts");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get("views").asLong()).isEqualTo(20);
      assertThat(rows.get(0).get("text").asText()).isEqualTo(text);
    }
  }

  @Test
  void errorsAreClassified() {
    ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("errors");
    try (ClickHouseGateway g = new ClickHouseGateway(settings)) {
      assertThatThrownBy(() -> g.query("SELEC 1"))
          .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("Syntax error");
    }
    try (ClickHouseGateway down = new ClickHouseGateway(new ClickHouseSettings("http://127.0.0.1:1", "default", "", "x"))) {
      assertThatThrownBy(() -> down.query("SELECT 1"))
          .isInstanceOfSatisfying(ClickHouseException.class, e -> assertThat(e.isRetryable()).isTrue());
      assertThat(down.ping()).isFalse();
    }
  }

  @Test
  void readonlyUserCannotWrite() {
    ClickHouseSettings settings = ClickHouseTestServer.freshDatabase("ro");
    try (ClickHouseGateway ro = new ClickHouseGateway(ClickHouseTestServer.readOnly(settings))) {
      assertThat(ro.queryLong("SELECT count() FROM v_posts")).isZero();
      assertThatThrownBy(() -> ro.execute("DROP TABLE posts")).hasMessageContaining("readonly");
    }
  }

  @Test
  void sqlLiteralsAndIdentifiersAreSafe() {
    assertThat(Sql.literal("it's \\ \n")).isEqualTo("'it\\'s \\\\ \\n'");
    assertThatThrownBy(() -> Sql.identifier("posts; DROP TABLE x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Migration.of("001_posts.sql", "CREATE TABLE ${database}.a (x UInt8);\n-- c\nCREATE VIEW ${database}.b AS SELECT 1;\n")
            .statements("db"))
        .containsExactly("CREATE TABLE db.a (x UInt8)", "CREATE VIEW db.b AS SELECT 1");
  }
}
