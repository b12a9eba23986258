package org.kooch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.kooch.dashboards.AccessToken;
import org.kooch.dashboards.DashboardOptions;
import org.kooch.dashboards.DashboardServer;
import org.kooch.reports.CronSchedule;
import org.kooch.reports.ReportJob;
import org.kooch.reports.ReportPeriod;
import org.kooch.reports.ReportScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kooch serve}: the web dashboard over ClickHouse and, with --report-cron, reports on a
 * schedule. It refuses to start when its ClickHouse account can write, and on an address other
 * than loopback without an access token ({@value #TOKEN_ENV}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the web dashboard and its JSON API.",
        "With --report-cron, also write (and with --mail-to, e-mail) reports on that schedule (UTC).",
        "",
        "It reads ClickHouse as the read-only user (KOOCH_CLICKHOUSE_READONLY_USER, default kooch_readonly) and does",
        "not start if that account can write. On 127.0.0.1 (the default) only requests to localhost, 127.0.0.1 or",
        "[::1] are answered. Any other --host needs an access token in " + ServeCommand.TOKEN_ENV + " (at least 16",
        "characters, e.g. $(openssl rand -hex 32)); every request must then carry it: programs as the header",
        "'Authorization: Bearer TOKEN', people by opening the dashboard once as http://HOST:PORT/?token=TOKEN",
        "(which sets a cookie). The token is also required on loopback when it is set."})
final class ServeCommand implements Callable<Integer> {
  static final String TOKEN_ENV = "KOOCH_DASHBOARD_TOKEN";

  @Mixin ConnectionOptions connection;
  @Mixin MailOptions mail;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all, which needs " + TOKEN_ENV + ").")
  String host;

  @Option(names = "--max-queries", defaultValue = "" + DashboardOptions.DEFAULT_MAX_QUERIES, paramLabel = "N",
      description = "ClickHouse queries the dashboard runs at once, 1 to " + DashboardOptions.MAX_QUERIES_LIMIT
          + " (default ${DEFAULT-VALUE}). Past it a request waits up to a second for one to finish, then gets 503 with Retry-After.")
  int maxQueries;

  @Option(names = "--query-timeout", defaultValue = "20s", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long a data request may take (default ${DEFAULT-VALUE}); past it the answer is 504 and its ClickHouse"
          + " queries are cancelled. ClickHouse's own limit for the account is the read-only profile's max_execution_time.")
  Duration queryTimeout;

  @Option(names = "--report-cron", paramLabel = "\"MIN HOUR DOM MON DOW\"",
      description = "Make reports on this 5-field cron schedule in UTC, e.g. \"0 6 * * MON\" (Mondays 06:00).")
  String reportCron;

  @Option(names = "--report-period", defaultValue = "weekly", paramLabel = "daily|weekly", description = "Scheduled reports' period (default weekly).")
  String reportPeriod;

  @Option(names = "--report-out", paramLabel = "DIR", description = "Where scheduled reports are written (default: reports/ in the state directory).")
  Path reportOut;

  @Override
  public Integer call() throws Exception {
    ReportScheduler scheduler = null;
    if (reportCron != null) {
      CronSchedule cron = CronSchedule.parse(reportCron);
      ReportPeriod period = ReportPeriod.parse(reportPeriod);
      Path dir = reportOut != null ? reportOut : connection.stateDir().resolve("reports");
      ReportJob job = new ReportJob(connection.clickHouseReadOnly(), period, dir, mail.mailer(), Clock.systemUTC());
      scheduler = new ReportScheduler(cron, Clock.systemUTC(), job::runScheduled);
    }
    AccessToken token = accessToken();
    boolean loopback = DashboardServer.isLoopback(host);
    if (!loopback && token == null) {
      throw new IllegalStateException("--host " + host + " can be reached from other machines: set " + TOKEN_ENV
          + " to an access token of at least " + AccessToken.MIN_LENGTH + " characters (e.g. export " + TOKEN_ENV
          + "=$(openssl rand -hex 32)), or listen on 127.0.0.1");
    }
    DashboardOptions options = DashboardOptions.defaults().withMaxQueries(maxQueries).withRequestTimeout(queryTimeout)
        .withAccessToken(token);
    Shutdown shutdown = new Shutdown();
    int p;
    try {
      DashboardServer server = shutdown.register(new DashboardServer(connection.clickHouseReadOnly(), options));
      p = server.start(host, port);
    } catch (RuntimeException e) {
      shutdown.closeAll();
      throw e;
    }
    String at = "http://" + (loopback ? "localhost" : host) + ":" + p + "/";
    System.out.println("dashboard at " + at + (token == null ? "" : " (open it once as " + at + "?token=<" + TOKEN_ENV + ">)")
        + " (Ctrl-C stops)");
    if (scheduler != null) {
      shutdown.register(scheduler);
      System.out.println(reportPeriod + " reports on '" + reportCron + "' (UTC), next at " + scheduler.start()
          + (mail.to.isEmpty() ? "" : ", mailed to " + String.join(", ", mail.to)));
    }
    shutdown.await(0);
    return 0;
  }

  /** The token from the environment (never a flag: it would show in the process list), or null when unset. */
  private static AccessToken accessToken() {
    String value = System.getenv(TOKEN_ENV);
    return value == null || value.isEmpty() ? null : AccessToken.of(value);
  }
}
