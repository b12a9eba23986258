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

    @Override
    public Integer call() {
      var applied = new SchemaMigrator(connection.clickHouse()).migrate();
      System.out.println(applied.isEmpty()
          ? "database " + connection.database + " is up to date"
          : "applied " + String.join(", ", applied) + " to " + connection.database);
      return 0;
    }
  }
}
