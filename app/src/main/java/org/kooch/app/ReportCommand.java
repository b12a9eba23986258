package org.kooch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.kooch.queries.DateRange;
import org.kooch.reports.ReportJob;
import org.kooch.reports.ReportPeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch report}: one daily or weekly report now, written as HTML and CSV files and, with --mail-to, mailed. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a daily or weekly report (HTML with charts, and CSV files) of the latest data, and mail it with --mail-to.",
        "For reports on a schedule, see kooch serve --report-cron."})
final class ReportCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin MailOptions mail;

  @Option(names = "--period", defaultValue = "weekly", paramLabel = "daily|weekly", description = "daily or weekly (default).")
  String period;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the HTML and CSV files.")
  Path out;

  @Option(names = "--end", paramLabel = "YYYY-MM-DD", description = "Last day the report covers; default: the latest day in the database.")
  String end;

  @Override
  public Integer call() throws Exception {
    ReportPeriod p = ReportPeriod.parse(period);
    LocalDate last = end == null ? null : DateRange.parse(end, end, "--end", "--end").to();
    ReportJob job = new ReportJob(connection.clickHouseReadOnly(), p, out, mail.mailer(), Clock.systemUTC());
    ReportJob.Result r = job.run(last);
    var w = Utf8Out.stdout();
    r.files().forEach(f -> w.println("wrote " + f));
    if (r.mailed()) {
      w.println("mailed '" + r.report().subject() + "' to " + String.join(", ", mail.to.isEmpty() ? java.util.List.of("KOOCH_MAIL_TO") : mail.to));
    }
    w.flush();
    return 0;
  }
}
