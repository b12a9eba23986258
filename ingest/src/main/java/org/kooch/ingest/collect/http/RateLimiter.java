package org.kooch.ingest.collect.http;

import java.time.Duration;

/**
 * Spaces request starts at least {@code interval} apart (one collector, one host: a simple gap is
 * the polite choice, no bursts). Retries go through it too.
 */
final class RateLimiter {
  private final long intervalNanos;
  private long nextAllowed = System.nanoTime();

  RateLimiter(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Blocks until the next request may start. */
  synchronized void acquire() throws InterruptedException {
    long now = System.nanoTime();
    long wait = nextAllowed - now;
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      now = System.nanoTime();
    }
    nextAllowed = Math.max(now, nextAllowed) + intervalNanos;
  }
}
