package org.kooch.streaming.clickhouse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/** Turns a stream element into one JSONEachRow object for a ClickHouse table. */
@FunctionalInterface
public interface RowEncoder<T> extends Serializable {
  void encode(T value, ObjectNode row);
}
