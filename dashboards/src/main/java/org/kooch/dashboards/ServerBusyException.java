package org.kooch.dashboards;

/** Every ClickHouse query permit is taken: answered 503 with a Retry-After of {@link #retryAfterSeconds()}. */
final class ServerBusyException extends RuntimeException {
  private final int retryAfterSeconds;

  ServerBusyException(int retryAfterSeconds) {
    super("the dashboard is answering as many queries as it allows at once; try again in a few seconds");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
