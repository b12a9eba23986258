package org.kooch.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * Stops what a long-running command started, in reverse order, on Ctrl-C (SIGINT/SIGTERM) or when
 * the command ends: the dashboard, then the Flink job, then the embedded broker.
 */
final class Shutdown {
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  Shutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "kooch-shutdown"));
  }

  synchronized <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Blocks until Ctrl-C, or {@code millis} have passed when positive. */
  void await(long millis) throws InterruptedException {
    if (millis > 0) {
      stopped.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    } else {
      stopped.await();
    }
  }

  synchronized void closeAll() {
    if (closed) {
      return;
    }
    closed = true;
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e.getMessage());
      }
    }
    stopped.countDown();
  }
}
