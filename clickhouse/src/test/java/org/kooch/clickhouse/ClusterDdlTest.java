package org.kooch.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClusterDdlTest {
  private static final List<Migration> MIGRATIONS = SchemaMigrator.migrations();
  private final ClusterDdl sharded = ClusterDdl.of("kooch", true, "k", MIGRATIONS);
  private final ClusterDdl replicated = ClusterDdl.of("kooch", false, "k", MIGRATIONS);

  @Test
  void aReplacingTableBecomesReplicatedLocalAndDistributed() {
    List<String> out = sharded.transform(statement(1, 0));
    assertThat(out).hasSize(2);
    assertThat(out.get(0))
        .startsWith("CREATE TABLE IF NOT EXISTS k.posts_local ON CLUSTER kooch\n(")
        .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/k/posts', '{replica}', version)")
        .endsWith("PARTITION BY toYYYYMM(published_at)\nORDER BY (platform, channel, post_id)");
    assertThat(out.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS k.posts ON CLUSTER kooch AS k.posts_local"
        + " ENGINE = Distributed(kooch, k, posts_local, cityHash64(platform, channel))");
  }

  @Test
  void withoutShardsOnlyTheEngineAndOnClusterChange() {
    List<String> out = replicated.transform(statement(2, 0));
    assertThat(out).singleElement().satisfies(s -> assertThat(s)
        .startsWith("CREATE TABLE IF NOT EXISTS k.subscriber_snapshots ON CLUSTER kooch\n(")
        .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/k/subscriber_snapshots', '{replica}')\n"));
    assertThat(replicated.localTable("posts")).isEqualTo("posts");
  }

  @Test
  void anAggregatingTableKeepsItsSettings() {
    assertThat(sharded.transform(statement(11, 0)).get(0))
        .contains("ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/k/channel_monthly', '{replica}')");
    assertThat(sharded.transform(statement(13, 0)).get(0)).endsWith("SETTINGS index_granularity = 1024");
  }

  @Test
  void materializedViewsReadAndWriteTheLocalTables() {
    String mv = sharded.transform(statement(13, 1)).get(0);
    assertThat(mv)
        .startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS k.channel_flows_by_account_mv ON CLUSTER kooch TO k.channel_flows_by_account_local AS SELECT")
        .contains("FROM k.channel_flows_local\nARRAY JOIN");
    assertThat(replicated.transform(statement(13, 1)).get(0))
        .contains("ON CLUSTER kooch TO k.channel_flows_by_account AS").contains("FROM k.channel_flows\n");
  }

  @Test
  void viewsDropsAndFillsKeepTheirNames() {
    assertThat(sharded.transform(statement(1, 1)).get(0))
        .startsWith("CREATE VIEW IF NOT EXISTS k.v_posts ON CLUSTER kooch AS SELECT").endsWith("FROM k.posts FINAL");
    assertThat(sharded.transform("DROP TABLE IF EXISTS k.v_channel_flows"))
        .containsExactly("DROP TABLE IF EXISTS k.v_channel_flows ON CLUSTER kooch");
    String fill = statement(13, 2);
    assertThat(sharded.transform(fill)).containsExactly(fill);
  }

  @Test
  void addedColumnsGoToTheLocalTable() {
    ClusterDdl.AddColumn add = ClusterDdl.addColumn(statement(15, 0)).orElseThrow();
    assertThat(add).isEqualTo(new ClusterDdl.AddColumn("k", "channel_flows", "found_by", "String DEFAULT 'announced'"));
    assertThat(sharded.alterAddColumn(add))
        .isEqualTo("ALTER TABLE k.channel_flows_local ON CLUSTER kooch ADD COLUMN found_by String DEFAULT 'announced'");
    assertThat(replicated.alterAddColumn(add))
        .isEqualTo("ALTER TABLE k.channel_flows ON CLUSTER kooch ADD COLUMN found_by String DEFAULT 'announced'");
    assertThat(sharded.recreateDistributed("channel_flows")).containsExactly(
        "DROP TABLE IF EXISTS k.channel_flows ON CLUSTER kooch",
        "CREATE TABLE IF NOT EXISTS k.channel_flows ON CLUSTER kooch AS k.channel_flows_local"
            + " ENGINE = Distributed(kooch, k, channel_flows_local, cityHash64(from_platform, from_channel))");
    assertThat(ClusterDdl.addColumn(statement(1, 0))).isEmpty();
  }

  @Test
  void theLedgerIsOneTableOnEveryNode() {
    assertThat(sharded.createLedger())
        .isEqualTo("CREATE TABLE IF NOT EXISTS k.kooch_schema_migrations ON CLUSTER kooch"
            + " (version UInt32, name String, checksum String, applied_at DateTime('UTC'))"
            + " ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/k/kooch_schema_migrations', '{shard}-{replica}')"
            + " ORDER BY version");
    assertThat(sharded.createDatabase()).isEqualTo("CREATE DATABASE IF NOT EXISTS k ON CLUSTER kooch");
  }

  @Test
  void unknownStatementsAndDataTableDropsAreRefused() {
    assertThatThrownBy(() -> sharded.transform("RENAME TABLE k.a TO k.b")).hasMessageContaining("teach ClusterDdl");
    assertThatThrownBy(() -> sharded.transform("DROP TABLE IF EXISTS k.posts")).hasMessageContaining("data table");
    assertThatThrownBy(() -> ClusterDdl.shardingKey("nobody")).hasMessageContaining("SHARDING_KEYS");
  }

  /** Every statement of every migration has a cluster form, in both layouts. */
  @Test
  void everyMigrationHasAClusterForm() {
    for (Migration m : MIGRATIONS) {
      for (String s : m.statements("k")) {
        if (ClusterDdl.addColumn(s).isEmpty()) {
          assertThat(sharded.transform(s)).isNotEmpty();
          assertThat(replicated.transform(s)).isNotEmpty();
        }
      }
    }
  }

  /**
   * Every version of a row lands on one shard: each table's sharding key is made of its sorting-key
   * columns, and a materialized view's target has its source's key (the view writes on the shard of
   * the row it reads, and copies the key columns unchanged).
   */
  @Test
  void shardingKeysKeepEachSortingKeyOnOneShard() {
    Pattern create = Pattern.compile("(?is)CREATE TABLE IF NOT EXISTS k\\.(\\w+).*");
    Pattern mv = Pattern.compile("(?is)CREATE MATERIALIZED VIEW IF NOT EXISTS k\\.\\w+ TO k\\.(\\w+) AS\\s.*?FROM k\\.(\\w+).*");
    Map<String, List<String>> sortingKeys = new HashMap<>();
    List<String[]> views = new ArrayList<>();
    for (Migration m : MIGRATIONS) {
      for (String s : m.statements("k")) {
        Matcher c = create.matcher(s);
        if (c.matches()) {
          sortingKeys.put(c.group(1), ClusterDdl.orderBy(s));
        }
        Matcher v = mv.matcher(s);
        if (v.matches()) {
          views.add(new String[] {v.group(1), v.group(2)});
        }
      }
    }
    assertThat(sortingKeys).hasSize(ClusterDdl.SHARDING_KEYS.size());
    sortingKeys.forEach((table, sortingKey) -> assertThat(List.of(ClusterDdl.shardingKey(table).split(", ")))
        .as(table).isSubsetOf(sortingKey));
    assertThat(views).hasSize(6);
    for (String[] v : views) {
      assertThat(ClusterDdl.shardingKey(v[0])).as(v[0] + " from " + v[1]).isEqualTo(ClusterDdl.shardingKey(v[1]));
    }
  }

  private static String statement(int version, int index) {
    return MIGRATIONS.stream().filter(m -> m.version() == version).findFirst().orElseThrow().statements("k").get(index);
  }
}
