package org.kooch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's peak memory: used heap sampled every 100 ms (MemoryMXBean; garbage not yet collected
 * included, so it approaches -Xmx under load), the heap after the last full collection of the old
 * generation (the live set), and the process's peak RSS.
 */
final class PeakMemory implements AutoCloseable {
  private final java.util.concurrent.atomic.AtomicLong peakUsed = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.ScheduledExecutorService sampler =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
      });

  PeakMemory() {
    sampler.scheduleAtFixedRate(
        () -> peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
        0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The largest used heap seen, in bytes. */
  long peakHeapUsed() {
    return peakUsed.get();
  }

  /** The largest heap left after a collection of the old generation (a live-set bound), in bytes. */
  static long peakAfterOldGc() {
    long max = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null
          && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
        max = Math.max(max, pool.getCollectionUsage().getUsed());
      }
    }
    return max;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }

  /** {@code VmHWM} of {@code /proc/self/status} (peak resident set size) in bytes, or -1 off Linux. */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }
}
