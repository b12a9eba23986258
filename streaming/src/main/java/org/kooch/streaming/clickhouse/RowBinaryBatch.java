package org.kooch.streaming.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatSerializer;
import java.io.IOException;
import org.apache.flink.core.memory.ByteArrayOutputStreamWithPos;
import org.kooch.clickhouse.ClickHouseGateway;

/** Rows of one table encoded as RowBinary, sent as one INSERT naming the encoder's columns. */
public final class RowBinaryBatch<T> {
  private final RowEncoder<T> encoder;
  /** Unsynchronized, unlike java.io's: the serializer writes a byte at a time. */
  private final ByteArrayOutputStreamWithPos buffer = new ByteArrayOutputStreamWithPos(1 << 20);
  private final RowBinaryFormatSerializer rows = new RowBinaryFormatSerializer(buffer);
  private int size;

  public RowBinaryBatch(RowEncoder<T> encoder) {
    this.encoder = encoder;
  }

  /** Appends a row; a value that cannot be encoded leaves the batch as it was and is rethrown. */
  public void add(T value) throws IOException {
    int rowStart = buffer.getPosition();
    try {
      encoder.encode(value, rows);
    } catch (RuntimeException e) {
      buffer.setPosition(rowStart);
      throw e;
    }
    size++;
  }

  public int size() {
    return size;
  }

  /** Sends the rows; the batch keeps them (a failed insert can be sent again) until {@link #clear}. */
  public void insertInto(ClickHouseGateway gateway, String table) {
    gateway.insertRowBinary(table, encoder.columns(), buffer.getBuf(), buffer.getPosition());
  }

  public void clear() {
    buffer.reset();
    size = 0;
  }
}
