package org.kooch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.Sql;
import org.kooch.queries.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the API's data requests under two limits. Each request has a deadline: the request thread
 * waits for the answer until then and answers 504 ({@link DeadlineExceededException}) past it,
 * however long ClickHouse takes. Each of its ClickHouse queries takes a {@link QueryPermits} permit
 * (or the request gets 503 when none comes free within a short wait).
 *
 * <p>A request's queries carry a comment naming it ({@code /* kooch-dashboard ID *}{@code /}), so
 * that past the deadline they can be stopped in ClickHouse with {@code KILL QUERY} (which a
 * {@code readonly=1} account may run): its permits come back as soon as ClickHouse lets go, and a
 * query the request has not started yet is not started. The kill is repeated every second while the
 * request's work still runs (a query sent just before the deadline may reach the server after the
 * first kill). The read-only profile's {@code max_execution_time} bounds a query ClickHouse cannot
 * interrupt.
 */
final class DataRequests implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataRequests.class);
  private static final String MARK = "kooch-dashboard ";
  static final int RETRY_AFTER_SECONDS = 2;
  private static final int MAX_KILLS = 120;

  private final ClickHouseGateway clickhouse;
  private final ClickHouseGateway control;
  private final QueryPermits permits;
  private final Duration permitWait;
  private final Duration timeout;
  private final String serverId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger working = new AtomicInteger();
  private final ExecutorService workers = Executors.newCachedThreadPool(daemon("kooch-dashboard-request"));
  private final ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor(daemon("kooch-dashboard-cancel"));

  /** {@code control} sends the kills: its own connections, never short while queries hold the others. */
  DataRequests(ClickHouseGateway clickhouse, ClickHouseGateway control, DashboardOptions options) {
    this.clickhouse = clickhouse;
    this.control = control;
    this.permits = new QueryPermits(options.maxQueries());
    this.permitWait = options.permitWait();
    this.timeout = options.requestTimeout();
  }

  QueryPermits permits() {
    return permits;
  }

  /**
   * The value of {@code work}, which reads ClickHouse only through the reader it is given. Throws
   * what {@code work} throws, {@link ServerBusyException} or {@link DeadlineExceededException}.
   */
  <T> T run(Function<Reader, T> work) {
    String id = serverId + "-" + requests.incrementAndGet();
    RequestReader reader = new RequestReader(id, System.nanoTime() + timeout.toNanos());
    working.incrementAndGet();
    Future<T> running;
    try {
      running = workers.submit(() -> {
        try {
          return work.apply(reader);
        } finally {
          working.decrementAndGet();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      working.decrementAndGet();
      throw new ServerBusyException(RETRY_AFTER_SECONDS);
    }
    try {
      return running.get(Math.max(0, reader.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      reader.expired = true;
      LOG.warn("data request {} ran past its {} deadline; cancelling its ClickHouse queries", id, Durations.text(timeout));
      cancelWhileRunning(id, running);
      throw new DeadlineExceededException(timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reader.expired = true;
      cancelWhileRunning(id, running);
      throw new DeadlineExceededException(timeout);
    }
  }

  private void cancelWhileRunning(String id, Future<?> running) {
    AtomicInteger kills = new AtomicInteger();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    Runnable kill = () -> {
      if (running.isDone() || kills.incrementAndGet() > MAX_KILLS) {
        ScheduledFuture<?> t = task.get();
        if (t != null) {
          t.cancel(false);
        }
        return;
      }
      kill(id, " */%");
    };
    try {
      task.set(canceller.scheduleWithFixedDelay(kill, 0, 1, TimeUnit.SECONDS));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // shutting down: close() kills every query of this server
    }
  }

  /**
   * Asks ClickHouse to stop the queries whose mark is {@code id} followed by {@code rest} (a LIKE
   * pattern: {@code " *}{@code /%"} for exactly this request, {@code "%"} for every id that starts
   * so); never throws.
   */
  private void kill(String id, String rest) {
    try {
      // The mark is split in the KILL's own text, so the KILL does not match itself.
      control.execute("KILL QUERY WHERE user = " + Sql.literal(control.settings().user())
          + " AND query LIKE concat('%" + MARK + "', " + Sql.literal(id) + ", " + Sql.literal(rest) + ") ASYNC");
    } catch (RuntimeException e) {
      LOG.warn("could not cancel the ClickHouse queries of data request {}: {}", id, ApiErrors.withoutCredentials(e.getMessage()));
    }
  }

  /** Stops the work: no new requests, and every query of this server still running in ClickHouse is killed. */
  @Override
  public void close() {
    boolean busy = working.get() > 0;
    canceller.shutdownNow();
    if (busy) {
      kill(serverId + "-", "%");
    }
    workers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** One request's way to ClickHouse: marks its queries, takes a permit for each, keeps its deadline. */
  private final class RequestReader implements Reader {
    private final String id;
    private final long deadline;
    private volatile boolean expired;

    RequestReader(String id, long deadline) {
      this.id = id;
      this.deadline = deadline;
    }

    @Override
    public List<JsonNode> query(String select) {
      if (pastDeadline()) {
        throw new DeadlineExceededException(timeout);
      }
      QueryPermits.Permit permit;
      try {
        long left = deadline - System.nanoTime();
        permit = permits.tryAcquire(Duration.ofNanos(Math.min(permitWait.toNanos(), Math.max(0, left))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeadlineExceededException(timeout);
      }
      if (permit == null) {
        if (pastDeadline()) {
          throw new DeadlineExceededException(timeout);
        }
        throw new ServerBusyException(RETRY_AFTER_SECONDS);
      }
      try (permit) {
        if (pastDeadline()) {
          throw new DeadlineExceededException(timeout);
        }
        return clickhouse.query("/* " + MARK + id + " */ " + select);
      }
    }

    private boolean pastDeadline() {
      return expired || System.nanoTime() - deadline >= 0;
    }
  }
}
