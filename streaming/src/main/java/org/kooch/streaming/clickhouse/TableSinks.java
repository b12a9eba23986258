package org.kooch.streaming.clickhouse;

import java.time.Duration;
import org.kooch.clickhouse.ClickHouseSettings;

/** Makes the job's ClickHouse sinks: one database, one retry policy, one outlet for rows a table cannot hold. */
public final class TableSinks {
  private final ClickHouseSettings clickhouse;
  private final UnwritableRows unwritable;
  private final RetryPolicy retry;
  private final Duration flushInterval;

  /** @param flushInterval how long at most a sink holds rows that do not fill a batch */
  public TableSinks(ClickHouseSettings clickhouse, UnwritableRows unwritable, RetryPolicy retry, Duration flushInterval) {
    this.clickhouse = clickhouse;
    this.unwritable = unwritable;
    this.retry = retry;
    this.flushInterval = flushInterval;
  }

  /** A sink writing into {@code table}, each element encoded as one row by {@code encoder}. */
  public <T> ClickHouseSink<T> into(String table, RowEncoder<T> encoder) {
    return ClickHouseSink.of(clickhouse, table, encoder, unwritable, retry, flushInterval);
  }
}
