package org.kooch.dashboards;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kooch.clickhouse.ClickHouseGateway;

/**
 * Whether ClickHouse answers, for {@code /api/health}: fast whatever the data requests are doing.
 * It takes no query permit; one ping runs at a time on its own thread, callers within a second of
 * it share its answer, and a ping slower than {@link #WAIT} counts as "down" (many health checks
 * cannot become many queries).
 */
final class HealthProbe implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(2);
  private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

  private final ClickHouseGateway clickhouse;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "kooch-dashboard-health");
    t.setDaemon(true);
    return t;
  });
  private CompletableFuture<Boolean> latest;
  private long startedAt;

  HealthProbe(ClickHouseGateway clickhouse) {
    this.clickhouse = clickhouse;
  }

  /** "up" or "down". */
  String clickhouse() {
    try {
      return ping().get(WAIT.toMillis(), TimeUnit.MILLISECONDS) ? "up" : "down";
    } catch (TimeoutException e) {
      return "down";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "down";
    } catch (Exception e) {
      return "down";
    }
  }

  private synchronized CompletableFuture<Boolean> ping() {
    long now = System.nanoTime();
    if (latest == null || (latest.isDone() && now - startedAt > FRESH_NANOS)) {
      startedAt = now;
      latest = CompletableFuture.supplyAsync(clickhouse::ping, thread);
    }
    return latest;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
