package org.kooch.dashboards;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many ClickHouse queries the dashboard runs at once. A query takes a permit for as long as
 * ClickHouse works on it; when none is free within a short wait, the request is turned away
 * ({@link ServerBusyException}: 503 with Retry-After) rather than queued, so a burst of heavy pages
 * cannot pile up work on the server or threads in the dashboard.
 */
final class QueryPermits {
  private final Semaphore permits;

  QueryPermits(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("at least one ClickHouse query must be allowed at a time, got " + max);
    }
    this.permits = new Semaphore(max, true);
  }

  /** A permit, waiting at most {@code wait} for one; null when none came free in time. */
  Permit tryAcquire(Duration wait) throws InterruptedException {
    long nanos = Math.max(0, wait.toNanos());
    return permits.tryAcquire(nanos, TimeUnit.NANOSECONDS) ? new Permit() : null;
  }

  int available() {
    return permits.availablePermits();
  }

  /** One running query's permit; closing it (once) gives it back. */
  final class Permit implements AutoCloseable {
    private final AtomicBoolean released = new AtomicBoolean();

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    }
  }
}
