package org.kooch.streaming.clickhouse;

import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.kooch.clickhouse.ClickHouseSettings;

/**
 * Writes a stream into one ClickHouse table as RowBinary batches.
 *
 * <p>Delivery guarantee (docs/delivery.md): at-least-once delivery, exactly-once results. The
 * writer flushes its buffer before every checkpoint barrier, so a completed checkpoint means every
 * row before it is in ClickHouse. After a failure the job replays from that checkpoint and may
 * insert some rows again; every table is a ReplacingMergeTree on a deterministic key, and the
 * analysts' views ({@code v_*}, FINAL) return each logical row once.
 *
 * <p>A row that cannot be encoded for the table (a value outside its column's type) goes to
 * {@link UnwritableRows} as a dead letter; the rows around it are written.
 */
public final class ClickHouseSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final ClickHouseSettings settings;
  private final String table;
  private final RowEncoder<T> encoder;
  private final int batchRows;
  private final Duration flushInterval;
  private final RetryPolicy retry;
  private final UnwritableRows unwritable;

  public ClickHouseSink(
      ClickHouseSettings settings,
      String table,
      RowEncoder<T> encoder,
      int batchRows,
      Duration flushInterval,
      RetryPolicy retry,
      UnwritableRows unwritable) {
    this.settings = settings;
    this.table = table;
    this.encoder = encoder;
    this.batchRows = batchRows;
    this.flushInterval = flushInterval;
    this.retry = retry;
    this.unwritable = unwritable;
  }

  public static <T> ClickHouseSink<T> of(
      ClickHouseSettings settings, String table, RowEncoder<T> encoder, UnwritableRows unwritable, RetryPolicy retry) {
    return of(settings, table, encoder, unwritable, retry, Duration.ofSeconds(2));
  }

  /** Batches of up to 50,000 rows, inserted when full or at least every {@code flushInterval}. */
  public static <T> ClickHouseSink<T> of(
      ClickHouseSettings settings, String table, RowEncoder<T> encoder, UnwritableRows unwritable, RetryPolicy retry, Duration flushInterval) {
    return new ClickHouseSink<>(settings, table, encoder, 50_000, flushInterval, retry, unwritable);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(settings, table, encoder, batchRows, flushInterval, retry, unwritable, context);
  }
}
