package org.kooch.dashboards;

import java.time.Duration;

/** A data request ran past its deadline (answered 504); its ClickHouse queries are being cancelled. */
final class DeadlineExceededException extends RuntimeException {
  DeadlineExceededException(Duration timeout) {
    super("the data took longer than " + Durations.text(timeout) + " to read; try a shorter date range or fewer platforms");
  }
}
