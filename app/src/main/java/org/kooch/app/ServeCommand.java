package org.kooch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.kooch.dashboards.DashboardServer;
import org.kooch.reports.CronSchedule;
import org.kooch.reports.ReportJob;
import org.kooch.reports.ReportPeriod;
import org.kooch.reports.ReportScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch serve}: the web dashboard over ClickHouse and, with --report-cron, reports on a schedule. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the web dashboard and its JSON API.",
        "With --report-cron, also write (and with --mail-to, e-mail) reports on that schedule (UTC)."})
final class ServeCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin MailOptions mail;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

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
    Shutdown shutdown = new Shutdown();
    DashboardServer server = shutdown.register(new DashboardServer(connection.clickHouseReadOnly()));
    int p = server.start(host, port);
    System.out.println("dashboard at http://" + ("127.0.0.1".equals(host) ? "localhost" : host) + ":" + p + "/ (Ctrl-C stops)");
    if (scheduler != null) {
      shutdown.register(scheduler);
      System.out.println(reportPeriod + " reports on '" + reportCron + "' (UTC), next at " + scheduler.start()
          + (mail.to.isEmpty() ? "" : ", mailed to " + String.join(", ", mail.to)));
    }
    shutdown.await(0);
    return 0;
  }
}
