package org.kooch.app;

import java.util.concurrent.Callable;
import org.kooch.clickhouse.SchemaMigrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kooch db migrate}: creates or updates the ClickHouse tables and views. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database administration.", subcommands = DbCommand.Migrate.class)
final class DbCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending ClickHouse migrations (safe to run again).")
  static final class Migrate implements Callable<Integer> {
    @Mixin ConnectionOptions connection;

    @picocli.CommandLine.Option(
        names = "--cluster",
        paramLabel = "NAME",
        description = "Migrate the ClickHouse cluster NAME (of the servers' remote_servers): every statement ON CLUSTER, "
            + "replicated tables at /clickhouse/tables/{shard}/<database>/<table> with replica {replica}.")
    String cluster;

    @picocli.CommandLine.Option(
        names = "--shards",
        description = "With --cluster: each table as <table>_local (replicated) and a Distributed table <table> over it, "
            + "which writers, readers and the v_* views use.")
    boolean shards;

    @Override
    public Integer call() {
      if (shards && cluster == null) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--shards needs --cluster NAME");
      }
      var applied = new SchemaMigrator(connection.clickHouse(), cluster, shards).migrate();
      System.out.println(applied.isEmpty()
          ? "database " + connection.database + " is up to date"
          : "applied " + String.join(", ", applied) + " to " + connection.database);
      return 0;
    }
  }
}
