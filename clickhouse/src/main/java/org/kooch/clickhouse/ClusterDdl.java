package org.kooch.clickhouse;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DDL files' statements in their form for a ClickHouse cluster: every cluster-specific
 * transform, so the files stay the single source for one server and for clusters.
 *
 * <ul>
 *   <li>every {@code CREATE}, {@code DROP} and {@code ALTER} runs {@code ON CLUSTER};
 *   <li>a {@code *MergeTree} table becomes {@code Replicated*MergeTree} at ZooKeeper path
 *       {@code /clickhouse/tables/{shard}/<database>/<table>}, replica {@code {replica}};
 *   <li>sharded ({@code --shards}): the replicated table is {@code <table>_local} on every node,
 *       and {@code <table>} a {@code Distributed} table over it, so writers, readers and the
 *       {@code v_*} views use the names they use on one server. Materialized views read and write
 *       the {@code _local} tables (each node keeps its own rows' derived rows); the sharding key
 *       ({@link #SHARDING_KEYS}) is made of sorting-key columns, so every version of a row lands
 *       on one shard and {@code FINAL} collapses it there;
 *   <li>{@code INSERT ... SELECT} (a migration's fill of a derived table) is left as it is: on a
 *       sharded cluster it reads and writes the Distributed tables, and each row goes to the
 *       shard its sharding key names, the shard a materialized view would have written it on.
 * </ul>
 *
 * <p>Written for ClickHouse 18.16 and current servers. 18.16 refuses {@code ALTER ... ON CLUSTER}
 * of a {@code Distributed} table in a cluster with {@code internal_replication} ("Table isn't
 * replicated, but shard is replicated according to its cluster definition"), so a column reaches a
 * Distributed table by dropping and creating it again ({@link #recreateDistributed}); it holds no
 * rows (writes wait for the shards), and readers meanwhile fail for the moment it takes.
 */
public final class ClusterDdl {
  /** The migrations' ledger: one table replicated on every node of the cluster (no shard in its path). */
  public static final String LEDGER = "kooch_schema_migrations";

  /**
   * Each table's sharding key. A materialized view writes its rows on the shard of the row it
   * reads, so its target's key is its source's (channel_flows_by_account is keyed by the flow's
   * source account, as channel_flows is, though its own key starts with either end); a table
   * missing here cannot be created on a sharded cluster.
   */
  static final Map<String, String> SHARDING_KEYS = Map.ofEntries(
      Map.entry("posts", "platform, channel"),
      Map.entry("subscriber_snapshots", "platform, channel"),
      Map.entry("channel_profiles", "platform, channel"),
      Map.entry("platform_stats", "platform"),
      Map.entry("channel_daily", "platform, channel"),
      Map.entry("channel_links", "from_platform, from_channel"),
      Map.entry("channel_flows", "from_platform, from_channel"),
      Map.entry("migration_flows", "from_platform, to_platform"),
      Map.entry("platform_daily", "platform"),
      Map.entry("channel_monthly", "platform, channel"),
      Map.entry("post_links_index", "platform, channel"),
      Map.entry("channel_flows_by_account", "from_platform, from_channel"),
      Map.entry("channel_daily_counts", "platform, channel"),
      Map.entry("channel_attention", "platform, channel"),
      Map.entry("channel_attention_by_day", "platform, channel"),
      Map.entry("alerts", "pair"),
      Map.entry("alert_deliveries", "alert_id"));

  private static final String NAME = "(`?)([A-Za-z_][A-Za-z0-9_]*)\\1\\.(`?)([A-Za-z_][A-Za-z0-9_]*)\\3";
  private static final Pattern CREATE_TABLE = Pattern.compile(
      "(?is)CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+" + NAME + "\\s*(\\(.*\\))\\s*ENGINE\\s*=\\s*([A-Za-z]*)MergeTree\\s*\\(([^)]*)\\)(.*)");
  private static final Pattern CREATE_MV = Pattern.compile(
      "(?is)CREATE\\s+MATERIALIZED\\s+VIEW\\s+IF\\s+NOT\\s+EXISTS\\s+" + NAME + "\\s+TO\\s+(`?)([A-Za-z_][A-Za-z0-9_]*)\\5\\.(`?)([A-Za-z_][A-Za-z0-9_]*)\\7\\s+AS\\s+(.*)");
  private static final Pattern CREATE_VIEW = Pattern.compile("(?is)CREATE\\s+VIEW\\s+IF\\s+NOT\\s+EXISTS\\s+" + NAME + "\\s+AS\\s+(.*)");
  private static final Pattern DROP = Pattern.compile("(?is)DROP\\s+TABLE\\s+IF\\s+EXISTS\\s+" + NAME);
  private static final Pattern INSERT_SELECT = Pattern.compile("(?is)INSERT\\s+INTO\\s+" + NAME + "\\s+SELECT\\s+.*");
  static final Pattern ADD_COLUMN = Pattern.compile(
      "(?is)ALTER\\s+TABLE\\s+" + NAME + "\\s+ADD\\s+COLUMN\\s+IF\\s+NOT\\s+EXISTS\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+(.+)");
  private static final Pattern ORDER_BY = Pattern.compile("(?is)ORDER\\s+BY\\s+\\(?([A-Za-z0-9_,\\s]+)\\)?");

  private final String cluster;
  private final boolean sharded;
  private final String database;
  /** The MergeTree-family tables the migrations create (local and Distributed when sharded). */
  private final Set<String> tables;

  ClusterDdl(String cluster, boolean sharded, String database, Set<String> tables) {
    this.cluster = Sql.identifier(cluster);
    this.sharded = sharded;
    this.database = Sql.identifier(database);
    this.tables = Set.copyOf(tables);
  }

  /** The transforms for {@code migrations}, whose {@code CREATE TABLE}s name the data tables. */
  public static ClusterDdl of(String cluster, boolean sharded, String database, List<Migration> migrations) {
    Set<String> tables = new LinkedHashSet<>();
    for (Migration m : migrations) {
      for (String statement : m.statements(database)) {
        Matcher t = CREATE_TABLE.matcher(statement);
        if (t.matches()) {
          tables.add(t.group(4));
        }
      }
    }
    return new ClusterDdl(cluster, sharded, database, tables);
  }

  public String cluster() {
    return cluster;
  }

  public boolean sharded() {
    return sharded;
  }

  private String onCluster() {
    return " ON CLUSTER " + cluster;
  }

  /** The replicated table that holds {@code table}'s rows on each node. */
  public String localTable(String table) {
    return sharded && tables.contains(table) ? table + "_local" : table;
  }

  public String createDatabase() {
    return "CREATE DATABASE IF NOT EXISTS " + database + onCluster();
  }

  /** The ledger, one copy on every node: every node's replica of one path, named after its shard and replica. */
  public String createLedger() {
    return "CREATE TABLE IF NOT EXISTS " + database + "." + LEDGER + onCluster()
        + " (version UInt32, name String, checksum String, applied_at DateTime('UTC'))"
        + " ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/" + database + "/" + LEDGER + "', '{shard}-{replica}')"
        + " ORDER BY version";
  }

  /** A migration's statement as the statements that do the same on the cluster, in order. */
  public List<String> transform(String statement) {
    String s = statement.strip();
    Matcher m;
    if ((m = CREATE_TABLE.matcher(s)).matches()) {
      return createTable(m);
    }
    if ((m = CREATE_MV.matcher(s)).matches()) {
      return List.of("CREATE MATERIALIZED VIEW IF NOT EXISTS " + m.group(2) + "." + m.group(4) + onCluster()
          + " TO " + m.group(6) + "." + localTable(m.group(8)) + " AS " + readLocal(m.group(9)));
    }
    if ((m = CREATE_VIEW.matcher(s)).matches()) {
      return List.of("CREATE VIEW IF NOT EXISTS " + m.group(2) + "." + m.group(4) + onCluster() + " AS " + m.group(5));
    }
    if ((m = DROP.matcher(s)).matches()) {
      if (tables.contains(m.group(4))) {
        throw new IllegalArgumentException("no cluster form for dropping a data table: " + s);
      }
      return List.of("DROP TABLE IF EXISTS " + m.group(2) + "." + m.group(4) + onCluster());
    }
    if (INSERT_SELECT.matcher(s).matches()) {
      return List.of(s);
    }
    throw new IllegalArgumentException("no cluster form for this statement (teach ClusterDdl): " + s);
  }

  private List<String> createTable(Matcher m) {
    String db = m.group(2);
    String table = m.group(4);
    String columns = m.group(5);
    String family = m.group(6);
    String args = m.group(7).strip();
    String rest = m.group(8).strip();
    String engine = "Replicated" + family + "MergeTree('/clickhouse/tables/{shard}/" + db + "/" + table + "', '{replica}'"
        + (args.isEmpty() ? "" : ", " + args) + ")";
    String local = localTable(table);
    String create = "CREATE TABLE IF NOT EXISTS " + db + "." + local + onCluster() + "\n" + columns + "\nENGINE = " + engine + "\n" + rest;
    if (!sharded) {
      return List.of(create);
    }
    shardingKey(table);
    return List.of(create, createDistributed(table));
  }

  /** The Distributed table {@code table} over {@code table_local}. */
  public String createDistributed(String table) {
    return "CREATE TABLE IF NOT EXISTS " + database + "." + table + onCluster() + " AS " + database + "." + localTable(table)
        + " ENGINE = Distributed(" + cluster + ", " + database + ", " + localTable(table) + ", cityHash64(" + shardingKey(table) + "))";
  }

  /** Drops and creates the Distributed table {@code table} again, so that it has its local table's columns. */
  public List<String> recreateDistributed(String table) {
    return List.of("DROP TABLE IF EXISTS " + database + "." + table + onCluster(), createDistributed(table));
  }

  static String shardingKey(String table) {
    String key = SHARDING_KEYS.get(table);
    if (key == null) {
      throw new IllegalArgumentException("table " + table + " has no sharding key: add one to ClusterDdl.SHARDING_KEYS");
    }
    return key;
  }

  /** A materialized view's SELECT reading the local tables: each node derives rows from its own. */
  private String readLocal(String select) {
    if (!sharded) {
      return select;
    }
    Matcher from = Pattern.compile("(?i)\\bFROM\\s+" + database + "\\.([A-Za-z_][A-Za-z0-9_]*)\\b").matcher(select);
    StringBuilder out = new StringBuilder();
    while (from.find()) {
      from.appendReplacement(out, Matcher.quoteReplacement("FROM " + database + "." + localTable(from.group(1))));
    }
    from.appendTail(out);
    return out.toString();
  }

  /** What {@code ALTER TABLE db.t ADD COLUMN IF NOT EXISTS c ...} adds, if the statement is one. */
  public static Optional<AddColumn> addColumn(String statement) {
    Matcher m = ADD_COLUMN.matcher(statement.strip());
    return m.matches() ? Optional.of(new AddColumn(m.group(2), m.group(4), m.group(5), m.group(6))) : Optional.empty();
  }

  /** The {@code ALTER} that adds the column to every node's replicated table (one replica per shard runs it, the others follow). */
  public String alterAddColumn(AddColumn add) {
    return "ALTER TABLE " + add.database() + "." + localTable(add.table()) + onCluster()
        + " ADD COLUMN " + add.column() + " " + add.definition();
  }

  /** The sorting-key columns of a {@code CREATE TABLE} statement (for checks of the sharding keys). */
  static List<String> orderBy(String createTable) {
    Matcher m = ORDER_BY.matcher(createTable);
    if (!m.find()) {
      throw new IllegalArgumentException("no ORDER BY in " + createTable);
    }
    return List.of(m.group(1).strip().split("\\s*,\\s*"));
  }

  /** An added column: the table as the migrations name it, the column and its type and default. */
  public record AddColumn(String database, String table, String column, String definition) {}
}
