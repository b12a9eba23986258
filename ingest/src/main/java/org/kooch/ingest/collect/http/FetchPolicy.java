package org.kooch.ingest.collect.http;

import java.time.Duration;

/**
 * How politely, persistently and far a collector fetches: at most one request per
 * {@code requestInterval}; up to {@code maxAttempts} tries on 429, 5xx, network errors and missed
 * deadlines, waiting what Retry-After asks or else {@code backoff} doubling per attempt up to
 * {@code maxBackoff}; giving up at once when a server asks to wait longer than
 * {@code maxRetryAfter}.
 *
 * <p>{@code timeout} bounds connecting and the wait for the response headers; {@code deadline}
 * bounds each whole request, from connecting to the body's last byte, so a server that trickles a
 * body cannot hold a collector (the shorter of the two wins for the headers). A body longer than
 * {@code maxBodyBytes} is refused rather than read.
 */
public record FetchPolicy(
    Duration requestInterval,
    int maxAttempts,
    Duration backoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Duration timeout,
    Duration deadline,
    long maxBodyBytes,
    String userAgent) {

  public static final String USER_AGENT =
      "Kooch/0.1 (audience migration research; reads public channel pages politely)";

  /** Channel preview pages are a few hundred KiB and API answers far less; 8 MiB is ample. */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

  public FetchPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1");
    }
    if (requestInterval.isNegative() || backoff.isNegative()) {
      throw new IllegalArgumentException("intervals cannot be negative");
    }
    if (timeout.isZero() || timeout.isNegative() || deadline.isZero() || deadline.isNegative()) {
      throw new IllegalArgumentException("timeout and deadline must be positive");
    }
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      // A body is held as one byte array, so the cap cannot pass what an array holds.
      throw new IllegalArgumentException("the body size cap must be between 1 byte and 2 GiB");
    }
  }

  /**
   * One request a second, 5 attempts, 1 s backoff doubling to 1 min, waits up to 10 min; 30 s to
   * the headers, 60 s for a whole request (the headers' 30 s plus time to read the body), bodies
   * up to 8 MiB.
   */
  public static FetchPolicy polite() {
    return new FetchPolicy(
        Duration.ofSeconds(1), 5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), DEFAULT_MAX_BODY_BYTES, USER_AGENT);
  }

  public FetchPolicy withRequestInterval(Duration d) {
    return new FetchPolicy(d, maxAttempts, backoff, maxBackoff, maxRetryAfter, timeout, deadline, maxBodyBytes, userAgent);
  }

  public FetchPolicy withRetries(int attempts, Duration firstBackoff) {
    return new FetchPolicy(requestInterval, attempts, firstBackoff, maxBackoff, maxRetryAfter, timeout, deadline, maxBodyBytes, userAgent);
  }

  public FetchPolicy withMaxRetryAfter(Duration d) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, d, timeout, deadline, maxBodyBytes, userAgent);
  }

  public FetchPolicy withTimeout(Duration d) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, maxRetryAfter, d, deadline, maxBodyBytes, userAgent);
  }

  public FetchPolicy withDeadline(Duration d) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, maxRetryAfter, timeout, d, maxBodyBytes, userAgent);
  }

  public FetchPolicy withMaxBodyBytes(long bytes) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, maxRetryAfter, timeout, deadline, bytes, userAgent);
  }

  public FetchPolicy withUserAgent(String ua) {
    return new FetchPolicy(requestInterval, maxAttempts, backoff, maxBackoff, maxRetryAfter, timeout, deadline, maxBodyBytes, ua);
  }

  /** Wait before retry number {@code attempt} (1: the first retry) when the server gave no hint. */
  public Duration backoffBefore(int attempt) {
    Duration d = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
