package org.kooch.clickhouse;

/** A failed ClickHouse call, marked retryable (transient) or not (the request itself is wrong). */
public class ClickHouseException extends RuntimeException {
  private final boolean retryable;

  public ClickHouseException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
