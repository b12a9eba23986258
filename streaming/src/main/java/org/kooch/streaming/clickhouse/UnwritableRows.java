package org.kooch.streaming.clickhouse;

import java.io.IOException;
import java.io.Serializable;
import org.kooch.schemas.DeadLetter;

/**
 * Where a ClickHouse sink sends a row it cannot encode for its table, as a dead letter, so that
 * one such row never fails the job nor holds back the rows behind it. The job sends them to the
 * dead-letter topic ({@code KafkaUnwritableRows}).
 */
public interface UnwritableRows extends Serializable {
  /** The outlet of one sink subtask. */
  Outlet open(String table, int subtask);

  /** Sends a subtask's dead letters; {@link #flush} returns once every one sent is stored. */
  interface Outlet extends AutoCloseable {
    void send(DeadLetter deadLetter);

    void flush() throws IOException;

    @Override
    void close();
  }
}
