package org.kooch.reports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.schemas.PlatformRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one report of the latest data: reads the views (as the read-only user), writes the HTML
 * and CSV files to a directory and, when mail is set up, sends them.
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  private final ClickHouseSettings readOnly;
  private final ReportPeriod period;
  private final Path outDir;
  private final ReportMailer mailer;
  private final Clock clock;

  /** {@code outDir} or {@code mailer} may be null: not written, or not sent. */
  public ReportJob(ClickHouseSettings readOnly, ReportPeriod period, Path outDir, ReportMailer mailer, Clock clock) {
    this.readOnly = readOnly;
    this.period = period;
    this.outDir = outDir;
    this.mailer = mailer;
    this.clock = clock;
  }

  /** The report ending on {@code end}, or on the latest day in the database when null; returns the files written. */
  public Result run(LocalDate end) throws Exception {
    Report report;
    try (ClickHouseGateway g = new ClickHouseGateway(readOnly)) {
      LocalDate last = end != null ? end : ReportData.latestDay(g);
      report = Report.of(ReportData.read(g, PlatformRegistry.defaults(), period, last), clock.instant());
    }
    List<Path> files = outDir == null ? List.of() : report.writeTo(outDir);
    if (mailer != null) {
      mailer.send(report);
    }
    return new Result(report, files, mailer != null);
  }

  /** For a schedule: runs, logs what happened, and never throws (the next run comes anyway). */
  public void runScheduled() {
    try {
      Result r = run(null);
      LOG.info("{} report {}: {} files{}", period.id(), r.report().name(), r.files().size(), r.mailed() ? ", mailed" : "");
    } catch (Exception e) {
      LOG.error("{} report failed: {}", period.id(), e.getMessage(), e);
    }
  }

  /** What a run made. */
  public record Result(Report report, List<Path> files, boolean mailed) {}
}
