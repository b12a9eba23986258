package org.kooch.ingest.collect.http;

import java.time.Duration;

/**
 * How politely and how persistently a collector fetches: at most one request per
 * {@code requestInterval}; up to {@code maxAttempts} tries on 429, 5xx and network errors, waiting
 * what Retry-After asks or else {@code backoff} doubling per attempt up to {@code maxBackoff};
 * giving up at once when a server asks to wait longer than {@code maxRetryAfter}.
 */
public record FetchPolicy(
    Duration requestInterval,
    int maxAttempts,
    Duration backoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Duration timeout,
    String userAgent) {

  public static final String USER_AGENT =
      "Kooch/0.1 (audience migration research; reads public channel pages politely)";

  public FetchPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1");
    }
    if (requestInterval.isNegative() || backoff.isNegative()) {
      throw new IllegalArgumentException("intervals cannot be negative");
    }
  }

  /** One request a second, 5 attempts, 1 s backoff doubling to 1 min, waits up to 10 min. */
  public static FetchPolicy polite() {
    return new FetchPolicy(
        Duration.ofSeconds(1), 5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(30), USER_AGENT);
  }

  public FetchPolicy withRequestInterval(Duration d) {
    return new FetchPolicy(d, maxAttempts, backoff, maxBackoff, maxRetryAfter, timeout, userAgent);
  }

  public FetchPolicy withRetries(int attempts, Duration firstBackoff) {
    return new FetchPolicy(requestInterval, attempts, firstBackoff, maxBackoff, maxRetryAfter, timeout, userAgent);
  }

  public FetchPolicy withMaxRetryAfter(Duration d) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, d, timeout, userAgent);
  }

  public FetchPolicy withTimeout(Duration d) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, maxRetryAfter, d, userAgent);
  }

  public FetchPolicy withUserAgent(String ua) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, maxRetryAfter, timeout, ua);
  }

  /** Wait before retry number {@code attempt} (1: the first retry) when the server gave no hint. */
  public Duration backoffBefore(int attempt) {
    Duration d = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
