package org.kooch.streaming.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Writes a stream element as one RowBinary row of a ClickHouse table: the columns it fills, in
 * order, and how to write their values. RowBinary carries no names or types, so {@link #columns}
 * goes into the INSERT and each value must be written as its column's type in {@code
 * clickhouse/*.sql}. ({@code RowEncodersTest} inserts every table's rows and reads them back.)
 */
public final class RowEncoder<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The values of one row, in {@link #columns} order. */
  @FunctionalInterface
  public interface Values<T> extends Serializable {
    void write(T value, RowBinaryFormatSerializer row) throws IOException;
  }

  private final List<String> columns;
  private final Values<T> values;

  private RowEncoder(List<String> columns, Values<T> values) {
    this.columns = List.copyOf(columns);
    this.values = values;
  }

  public static <T> RowEncoder<T> of(List<String> columns, Values<T> values) {
    return new RowEncoder<>(columns, values);
  }

  public List<String> columns() {
    return columns;
  }

  public void encode(T value, RowBinaryFormatSerializer row) throws IOException {
    values.write(value, row);
  }

  // Writers for the column types the tables use, as RowBinary lays them out.

  /** {@code DateTime('UTC')}: seconds since the epoch as UInt32 (18.16 has no DateTime64). */
  public static void dateTime(RowBinaryFormatSerializer row, long epochMillis) throws IOException {
    row.writeUInt32(Math.floorDiv(epochMillis, 1000L));
  }

  public static void dateTime(RowBinaryFormatSerializer row, Instant t) throws IOException {
    row.writeUInt32(t.getEpochSecond());
  }

  /** {@code Date}: days since the epoch as UInt16. */
  public static void date(RowBinaryFormatSerializer row, long epochDay) throws IOException {
    row.writeUInt16((int) epochDay);
  }

  /** {@code UInt64} for values below 2^63 (versions): the same eight bytes as Int64. */
  public static void uint64(RowBinaryFormatSerializer row, long value) throws IOException {
    if (value < 0) {
      throw new IllegalArgumentException("UInt64 column got a negative value: " + value);
    }
    row.writeInt64(value);
  }

  public static void nullableInt64(RowBinaryFormatSerializer row, Long value) throws IOException {
    if (value == null) {
      row.writeNull();
    } else {
      row.writeNotNull();
      row.writeInt64(value);
    }
  }

  public static void nullableString(RowBinaryFormatSerializer row, String value) throws IOException {
    if (value == null) {
      row.writeNull();
    } else {
      row.writeNotNull();
      row.writeString(value);
    }
  }

  /** {@code Array(String)}: the length as a varint, then the strings. */
  public static void strings(RowBinaryFormatSerializer row, List<String> values) throws IOException {
    long size = values.size();
    while (size >= 0x80) {
      row.writeUInt8((short) ((size & 0x7F) | 0x80));
      size >>>= 7;
    }
    row.writeUInt8((short) size);
    for (String v : values) {
      row.writeString(v);
    }
  }
}
