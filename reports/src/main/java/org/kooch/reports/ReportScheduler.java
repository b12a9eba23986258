package org.kooch.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job at the times a {@link CronSchedule} names, on one daemon thread: after each run the
 * next time is computed from the clock again, so a slow run or a clock change never makes runs
 * pile up. Times are in the clock's zone (UTC for {@code kooch serve}).
 */
public final class ReportScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

  private final CronSchedule cron;
  private final Clock clock;
  private final Runnable job;
  private final ScheduledExecutorService executor;
  private volatile ZonedDateTime nextRun;

  public ReportScheduler(CronSchedule cron, Clock clock, Runnable job) {
    this.cron = cron;
    this.clock = clock;
    this.job = job;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kooch-reports");
      t.setDaemon(true);
      return t;
    });
  }

  /** Schedules the first run and returns when it will be. */
  public ZonedDateTime start() {
    scheduleNext();
    return nextRun;
  }

  public ZonedDateTime nextRun() {
    return nextRun;
  }

  private synchronized void scheduleNext() {
    if (executor.isShutdown()) {
      return;
    }
    ZonedDateTime now = ZonedDateTime.now(clock);
    // Never the same minute twice, even if a timer fires a hair early.
    nextRun = cron.next(nextRun != null && nextRun.isAfter(now) ? nextRun : now);
    long delay = Math.max(0, Duration.between(now, nextRun).toMillis());
    executor.schedule(this::runAndReschedule, delay, TimeUnit.MILLISECONDS);
    LOG.info("next report at {} ({})", nextRun, cron);
  }

  private void runAndReschedule() {
    try {
      job.run();
    } catch (RuntimeException e) {
      LOG.error("scheduled report failed: {}", e.getMessage(), e);
    }
    scheduleNext();
  }

  @Override
  public synchronized void close() {
    executor.shutdownNow();
  }
}
