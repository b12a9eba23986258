package org.kooch.streaming.clickhouse;

import org.kooch.clickhouse.ClickHouseSettings;

/** Makes the job's ClickHouse sinks: one database, one retry policy, one outlet for rows a table cannot hold. */
public final class TableSinks {
  private final ClickHouseSettings clickhouse;
  private final UnwritableRows unwritable;
  private final RetryPolicy retry;

  public TableSinks(ClickHouseSettings clickhouse, UnwritableRows unwritable, RetryPolicy retry) {
    this.clickhouse = clickhouse;
    this.unwritable = unwritable;
    this.retry = retry;
  }

  /** A sink writing into {@code table}, each element encoded as one row by {@code encoder}. */
  public <T> ClickHouseSink<T> into(String table, RowEncoder<T> encoder) {
    return ClickHouseSink.of(clickhouse, table, encoder, unwritable, retry);
  }
}
