package org.kooch.queries;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Independent reads of one answer, run side by side: the answer takes as long as the slowest. */
final class SideBySide {
  /** Threads for the reads (daemon threads, created as needed and dropped after a minute idle). */
  private static final ExecutorService READS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "kooch-query-read");
    t.setDaemon(true);
    return t;
  });

  private SideBySide() {}

  static <T> CompletableFuture<T> start(Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, READS);
  }

  /** The value of a read, or the exception it failed with (a 404, a ClickHouse error) as thrown. */
  static <T> T join(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
