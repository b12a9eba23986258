package org.kooch.streaming.clickhouse;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long the sink keeps retrying a retryable ClickHouse failure before it fails the job (which
 * then restarts from its last checkpoint). Backoff doubles from {@code initial} to {@code max}.
 * While it retries, the sink blocks and Flink backpressures the sources: nothing is dropped.
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter) implements Serializable {
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  long backoffMillis(int attempt) {
    long ms = initial.toMillis() << Math.min(attempt, 20);
    return Math.min(ms, max.toMillis());
  }
}
