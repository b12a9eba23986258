package org.kooch.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.ingest.importer.ProgressBar;
import org.kooch.streaming.JobSettings;
import org.kooch.streaming.decode.DecodeRecords;

/**
 * Runs a bounded job with a progress bar: the records the job has read (its accumulator, reported
 * with the task managers' heartbeats) against what the topics held when it started. After the
 * input, the job closes every open day (the end-of-input watermark), which it says. It keeps the
 * (time, records read) samples, from which {@link #steadyRate} is taken.
 */
public final class BoundedRunProgress {
  private final long backlog;
  private final PrintStream out;
  private final List<long[]> samples = new ArrayList<>();

  public BoundedRunProgress(long backlog, PrintStream out) {
    this.backlog = backlog;
    this.out = out;
  }

  /** Without a progress bar (benchmarks): only the samples. */
  public static BoundedRunProgress quiet(long backlog) {
    return new BoundedRunProgress(backlog, new PrintStream(OutputStream.nullOutputStream()));
  }

  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    JobClient job = env.executeAsync(JobSettings.JOB_NAME + " (bounded)");
    CompletableFuture<JobExecutionResult> done = job.getJobExecutionResult();
    ProgressBar bar = new ProgressBar(out, "kafka -> flink -> clickhouse", backlog, System.console() != null);
    long read = 0;
    boolean announcedEnd = false;
    while (true) {
      try {
        JobExecutionResult result = done.get(500, TimeUnit.MILLISECONDS);
        Object total = result.getAllAccumulatorResults().get(DecodeRecords.RECORDS_READ_ACCUMULATOR);
        long records = total == null ? read : ((Number) total).longValue();
        if (!announcedEnd) {
          // The job read everything: the backlog counts offsets, and the offsets of transaction
          // markers and aborted records (a collector's) are no records, so the bar is full anyway.
          bar.finish(Math.max(records, backlog), records);
        }
        return result;
      } catch (TimeoutException stillRunning) {
        if (announcedEnd) {
          continue;
        }
        long now = recordsRead(job, read);
        if (now != read) {
          samples.add(new long[] {System.nanoTime(), now});
          read = now;
        }
        bar.update(read, read);
        if (backlog > 0 && read >= backlog) {
          announcedEnd = true;
          bar.finish(read, read);
          out.println("input read; closing the last days (flows, platform totals) ...");
        }
      }
    }
  }

  /**
   * Records per second between the samples nearest 10% and 90% of the backlog read: the rate
   * without the job's start and its end-of-input work. NaN when too few samples were taken.
   */
  public double steadyRate() {
    long[] from = null;
    long[] to = null;
    for (long[] s : samples) {
      if (from == null && s[1] >= backlog / 10) {
        from = s;
      }
      if (s[1] <= backlog * 9 / 10) {
        to = s;
      }
    }
    if (from == null || to == null || to[0] <= from[0]) {
      return Double.NaN;
    }
    return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
  }

  private static long recordsRead(JobClient job, long fallback) {
    try {
      Map<String, Object> accumulators = job.getAccumulators().get(2, TimeUnit.SECONDS);
      Object read = accumulators.get(DecodeRecords.RECORDS_READ_ACCUMULATOR);
      return read == null ? fallback : ((Number) read).longValue();
    } catch (Exception e) {
      return fallback; // the job is finishing or restarting: keep the last figure
    }
  }
}
