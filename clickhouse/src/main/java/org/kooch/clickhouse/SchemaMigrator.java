package org.kooch.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the DDL files in {@code clickhouse/NNN_name.sql} (on the classpath) in order and records
 * each in {@code kooch_schema_migrations}. Safe to run twice and concurrently: applied files are
 * skipped and every statement is {@code IF NOT EXISTS}. A file edited after it was applied is an
 * error: add a new file instead.
 *
 * <p>The files are written for current ClickHouse. The one thing ClickHouse 18.16 cannot read
 * there, {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS}, is done here for every version: the
 * column is looked up in {@code system.columns} and added without the {@code IF NOT EXISTS}
 * when missing ({@link #addColumnIfMissing}).
 *
 * <p>On a cluster ({@code kooch db migrate --cluster NAME [--shards]}) each statement runs in its
 * cluster form ({@link ClusterDdl}), and the ledger is a table replicated on every node, so a run
 * against any node finds what was applied.
 */
public final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  private static final String TABLE = "kooch_schema_migrations";

  private final ClickHouseSettings settings;
  private final String cluster;
  private final boolean shards;

  /** Migrates one server. */
  public SchemaMigrator(ClickHouseSettings settings) {
    this(settings, null, false);
  }

  /**
   * Migrates the cluster {@code cluster} (a name in the servers' {@code remote_servers}; null for
   * one server): replicated tables, and with {@code shards} Distributed tables over them
   * ({@link ClusterDdl}).
   */
  public SchemaMigrator(ClickHouseSettings settings, String cluster, boolean shards) {
    if (shards && cluster == null) {
      throw new IllegalArgumentException("shards need a cluster");
    }
    this.settings = settings;
    this.cluster = cluster == null ? null : Sql.identifier(cluster);
    this.shards = shards;
  }

  /** Creates the database if needed and applies pending migrations; returns the files applied now. */
  public List<String> migrate() {
    String db = Sql.identifier(settings.database());
    List<Migration> migrations = migrations();
    ClusterDdl ddl = cluster == null ? null : ClusterDdl.of(cluster, shards, db, migrations);
    try (ClickHouseGateway server = ClickHouseGateway.forServer(settings)) {
      boolean clusterUrls = ddl == null && settings.urls().size() > 1;
      if (clusterUrls) {
        // Several nodes' URLs name a cluster: one server's DDL would create unreplicated tables on
        // one node. Only a cluster migration already applied is accepted (nothing is created).
        if (server.queryLong("SELECT count() FROM system.tables WHERE database = " + Sql.literal(db)
            + " AND name = " + Sql.literal(TABLE)) == 0) {
          throw notOnCluster(db, "its tables");
        }
      } else if (ddl == null) {
        server.execute("CREATE DATABASE IF NOT EXISTS " + db);
        server.execute(
            "CREATE TABLE IF NOT EXISTS " + db + "." + TABLE
                + " (version UInt32, name String, checksum String, applied_at DateTime('UTC'))"
                + " ENGINE = ReplacingMergeTree() ORDER BY version");
      } else {
        if (server.queryLong("SELECT count() FROM system.clusters WHERE cluster = " + Sql.literal(cluster)) == 0) {
          throw new IllegalArgumentException("ClickHouse at " + settings.url() + " has no cluster '" + cluster + "' in its remote_servers");
        }
        server.execute(ddl.createDatabase());
        server.execute(ddl.createLedger());
      }
      Map<Integer, String> applied = new HashMap<>();
      for (JsonNode row : server.query("SELECT version, checksum FROM " + db + "." + TABLE + " FINAL")) {
        applied.put(row.get("version").asInt(), row.get("checksum").asText());
      }
      List<String> done = new ArrayList<>();
      for (Migration m : migrations) {
        String checksum = applied.get(m.version());
        if (checksum != null) {
          if (!checksum.equals(m.checksum())) {
            throw new IllegalStateException(
                m.fileName() + " changed after it was applied to " + db + "; add a new migration instead");
          }
          continue;
        }
        if (clusterUrls) {
          throw notOnCluster(db, m.fileName());
        }
        for (String statement : m.statements(db)) {
          if (ddl != null) {
            applyOnCluster(server, ddl, statement);
          } else if (!addColumnIfMissing(server, statement)) {
            server.execute(statement);
          }
        }
        server.execute(
            "INSERT INTO " + db + "." + TABLE + " (version, name, checksum, applied_at) VALUES ("
                + m.version() + ", " + Sql.literal(m.name()) + ", " + Sql.literal(m.checksum()) + ", now())");
        LOG.debug("applied {} to {}", m.fileName(), db);
        done.add(m.fileName());
      }
      return done;
    }
  }

  private IllegalStateException notOnCluster(String db, String what) {
    return new IllegalStateException("database " + db + " on the cluster at " + settings.url() + " lacks " + what
        + ": run kooch db migrate --cluster NAME [--shards] first");
  }

  private static void applyOnCluster(ClickHouseGateway server, ClusterDdl ddl, String statement) {
    var add = ClusterDdl.addColumn(statement);
    if (add.isPresent()) {
      addColumnOnCluster(server, ddl, add.get());
      return;
    }
    for (String s : ddl.transform(statement)) {
      if (s.regionMatches(true, 0, "INSERT", 0, 6)) {
        server.executeInsert(s);
      } else {
        server.execute(s);
      }
    }
  }

  /**
   * Adds a column on every shard unless each has it: the replicated table's {@code ALTER} runs on
   * one replica of each shard and the others follow; a run that finds some shards with the column
   * (a second migrator, an earlier run cut short) lets their refusal pass once every shard has
   * it. A Distributed table without the column on some shard is created again over its local table.
   */
  static void addColumnOnCluster(ClickHouseGateway server, ClusterDdl ddl, ClusterDdl.AddColumn add) {
    long shardCount = server.queryLong(
        "SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = " + Sql.literal(ddl.cluster()));
    String local = ddl.localTable(add.table());
    if (shardsWithColumn(server, ddl, add, local) < shardCount) {
      try {
        server.execute(ddl.alterAddColumn(add));
      } catch (ClickHouseException e) {
        if (shardsWithColumn(server, ddl, add, local) < shardCount) {
          throw e;
        }
      }
    }
    if (!local.equals(add.table()) && shardsWithColumn(server, ddl, add, add.table()) < shardCount) {
      for (String s : ddl.recreateDistributed(add.table())) {
        server.execute(s);
      }
    }
  }

  /** On how many shards (one replica each) {@code table} has the column. */
  private static long shardsWithColumn(ClickHouseGateway server, ClusterDdl ddl, ClusterDdl.AddColumn add, String table) {
    return server.queryLong("SELECT count() FROM cluster(" + Sql.literal(ddl.cluster()) + ", system.columns)"
        + " WHERE database = " + Sql.literal(add.database()) + " AND table = " + Sql.literal(table)
        + " AND name = " + Sql.literal(add.column()));
  }

  /**
   * Runs {@code ALTER TABLE db.t ADD COLUMN IF NOT EXISTS c ...} as a lookup and, when the column is
   * missing, a plain {@code ADD COLUMN}; returns false for any other statement.
   */
  static boolean addColumnIfMissing(ClickHouseGateway server, String statement) {
    var parsed = ClusterDdl.addColumn(statement);
    if (parsed.isEmpty()) {
      return false;
    }
    ClusterDdl.AddColumn add = parsed.get();
    long present = server.queryLong("SELECT count() FROM system.columns WHERE database = " + Sql.literal(add.database())
        + " AND table = " + Sql.literal(add.table()) + " AND name = " + Sql.literal(add.column()));
    if (present == 0) {
      server.execute("ALTER TABLE " + Sql.identifier(add.database()) + "." + Sql.identifier(add.table()) + " ADD COLUMN " + add.column()
          + " " + add.definition());
    }
    return true;
  }

  /** The migrations shipped on the classpath, in version order. */
  public static List<Migration> migrations() {
    URL dir = SchemaMigrator.class.getResource("/clickhouse");
    if (dir == null) {
      throw new IllegalStateException("no clickhouse/ DDL on the classpath");
    }
    try {
      URI uri = dir.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          return read(fs.getPath("/clickhouse"));
        } catch (java.nio.file.FileSystemAlreadyExistsException e) {
          return read(FileSystems.getFileSystem(uri).getPath("/clickhouse"));
        }
      }
      return read(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Migration> read(Path dir) throws IOException {
    List<Migration> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".sql")).toList()) {
        out.add(Migration.of(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    out.sort(Comparator.comparingInt(Migration::version));
    return out;
  }
}
