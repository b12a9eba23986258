package org.kooch.streaming.clickhouse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.kooch.clickhouse.ClickHouseException;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows encoded as RowBinary and inserts them when the batch is full, when the flush interval passes
 * and, always, before a checkpoint barrier and at end of input. A retryable failure is retried
 * with backoff while the task blocks (backpressure); a data error, or retries beyond the policy,
 * fails the job so it restarts from its last checkpoint.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

  private final ClickHouseGateway gateway;
  private final String table;
  private final int batchRows;
  private final RetryPolicy retry;
  private final ProcessingTimeService timers;
  private final long flushIntervalMs;
  private final Counter rowsWritten;
  private final Counter retries;
  private final RowBinaryBatch<T> batch;

  ClickHouseSinkWriter(
      ClickHouseSettings settings,
      String table,
      RowEncoder<T> encoder,
      int batchRows,
      Duration flushInterval,
      RetryPolicy retry,
      WriterInitContext context) {
    this.gateway = new ClickHouseGateway(settings);
    this.table = table;
    this.batch = new RowBinaryBatch<>(encoder);
    this.batchRows = batchRows;
    this.retry = retry;
    this.timers = context.getProcessingTimeService();
    this.flushIntervalMs = flushInterval.toMillis();
    this.rowsWritten = context.metricGroup().getNumRecordsSendCounter();
    this.retries = context.metricGroup().counter("clickhouseRetries");
    scheduleFlush();
  }

  @Override
  public void write(T element, Context context) throws IOException {
    try {
      batch.add(element);
    } catch (RuntimeException e) {
      throw new IOException("cannot encode a row for " + table + ": " + e.getMessage(), e);
    }
    if (batch.size() >= batchRows) {
      insertBuffer();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    insertBuffer();
  }

  private void scheduleFlush() {
    timers.registerTimer(
        timers.getCurrentProcessingTime() + flushIntervalMs,
        time -> {
          insertBuffer();
          scheduleFlush();
        });
  }

  private void insertBuffer() throws IOException {
    if (batch.size() == 0) {
      return;
    }
    long deadline = System.nanoTime() + retry.giveUpAfter().toNanos();
    for (int attempt = 0; ; attempt++) {
      try {
        batch.insertInto(gateway, table);
        break;
      } catch (ClickHouseException e) {
        if (!e.isRetryable() || System.nanoTime() > deadline) {
          throw new IOException(
              "cannot insert " + batch.size() + " rows into " + table + (e.isRetryable() ? " (gave up retrying)" : "") + ": " + e.getMessage(), e);
        }
        long wait = retry.backoffMillis(attempt);
        retries.inc();
        LOG.warn("insert into {} failed, retrying in {} ms: {}", table, wait, e.getMessage());
        try {
          Thread.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while retrying insert into " + table);
        }
      }
    }
    rowsWritten.inc(batch.size());
    batch.clear();
  }

  @Override
  public void close() {
    gateway.close();
  }
}
