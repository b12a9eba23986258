package org.kooch.ingest.collect;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ctrl-C (or a test) asking a scheduled collection to stop after the channel it is on. */
public final class StopSignal {
  private final CountDownLatch stopped = new CountDownLatch(1);

  public void stop() {
    stopped.countDown();
  }

  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Waits up to {@code d}; true when stopped meanwhile. */
  public boolean await(Duration d) throws InterruptedException {
    if (d.isNegative() || d.isZero()) {
      return isStopped();
    }
    return stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
