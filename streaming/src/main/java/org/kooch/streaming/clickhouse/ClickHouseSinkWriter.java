package org.kooch.streaming.clickhouse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Buffers rows encoded as RowBinary and inserts them when the batch is full, when the flush
 * interval passes and, always, before a checkpoint barrier and at end of input.
 *
 * <p>Inserts run on a thread of their own while the task encodes the next batch: the task does
 * not wait for ClickHouse to parse and write a batch unless the previous one is still being sent
 * when the next is full (at most two batches are held). Before a checkpoint barrier the writer
 * waits until both are in, so a completed checkpoint still means every row before it is in
 * ClickHouse.
 *
 * <p>A row that cannot be encoded (a value its column's type cannot hold) goes to the dead-letter
 * topic and the batch goes on without it.
 *
 * <p>A retryable failure is retried with backoff; the task blocks once its next batch is full
 * (backpressure). A data error, or retries beyond the policy, fails the job at the task's next
 * write, flush or flush timer, and it restarts from its last checkpoint.
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
  private final Counter unwritableRows;
  private final UnwritableRows.Outlet unwritable;
  private final ExecutorService sender;
  /** Rows being added by the task. */
  private RowBinaryBatch<T> filling;
  /** Rows {@link #inFlight} is inserting (the task does not touch them until it is done). */
  private RowBinaryBatch<T> sending;
  private Future<?> inFlight;

  ClickHouseSinkWriter(
      ClickHouseSettings settings,
      String table,
      RowEncoder<T> encoder,
      int batchRows,
      Duration flushInterval,
      RetryPolicy retry,
      UnwritableRows unwritable,
      WriterInitContext context) {
    this.gateway = new ClickHouseGateway(settings);
    this.table = table;
    this.filling = new RowBinaryBatch<>(encoder);
    this.sending = new RowBinaryBatch<>(encoder);
    this.batchRows = batchRows;
    this.retry = retry;
    this.timers = context.getProcessingTimeService();
    this.flushIntervalMs = flushInterval.toMillis();
    this.rowsWritten = context.metricGroup().getNumRecordsSendCounter();
    this.retries = context.metricGroup().counter("clickhouseRetries");
    this.unwritableRows = context.metricGroup().counter("unwritableRows");
    this.unwritable = unwritable.open(table, context.getTaskInfo().getIndexOfThisSubtask());
    String thread = "clickhouse-insert " + table + " (" + (context.getTaskInfo().getIndexOfThisSubtask() + 1) + ")";
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, thread);
      t.setDaemon(true);
      return t;
    });
    scheduleFlush();
  }

  @Override
  public void write(T element, Context context) throws IOException {
    try {
      filling.add(element);
    } catch (RuntimeException | IOException e) {
      unwritable.send(UnwritableRow.deadLetter(table, element, e));
      unwritableRows.inc();
      LOG.warn("a row for {} cannot be encoded, sent to the dead-letter topic: {}", table, e.getMessage());
      return;
    }
    if (filling.size() >= batchRows) {
      send();
    }
  }

  /** Waits until every row written so far is in ClickHouse. */
  @Override
  public void flush(boolean endOfInput) throws IOException {
    send();
    awaitInFlight();
    unwritable.flush();
  }

  private void scheduleFlush() {
    timers.registerTimer(
        timers.getCurrentProcessingTime() + flushIntervalMs,
        time -> {
          // A batch still being sent is not waited for here; its failure is reported now.
          if (inFlight == null || inFlight.isDone()) {
            send();
          }
          scheduleFlush();
        });
  }

  /** Hands the rows added so far to the sender, once it has finished the previous batch. */
  private void send() throws IOException {
    awaitInFlight();
    if (filling.size() == 0) {
      return;
    }
    RowBinaryBatch<T> batch = filling;
    filling = sending;
    sending = batch;
    inFlight = sender.submit(() -> {
      insert(batch);
      return null;
    });
  }

  /** Waits for the batch being sent, and fails with its error if it could not be inserted. */
  private void awaitInFlight() throws IOException {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while inserting into " + table);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException("cannot insert into " + table + ": " + cause, cause);
    } finally {
      inFlight = null;
    }
  }

  /** On the sender's thread: inserts the batch, retrying what may pass, then empties it. */
  private void insert(RowBinaryBatch<T> batch) throws IOException {
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
    // A job that ends normally has flushed; one that is cancelled or failed stops its insert.
    sender.shutdownNow();
    gateway.close();
    unwritable.close();
  }
}
