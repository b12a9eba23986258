package org.kooch.app.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.queries.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the job's alerts: every {@code poll} it reads, per channel, the alerts with no delivery
 * recorded on it ({@link Alerts#undelivered}), oldest first, delivers each and then records it in
 * {@code alert_deliveries} (with the writer account). State is only in ClickHouse, so a restarted
 * dispatcher picks up what is still undelivered: nothing is lost, and an alert whose delivery was
 * recorded is never sent again. A crash between a delivery and its record sends that alert again
 * (at least once, with the alert id for the receiver to deduplicate).
 *
 * <p>A channel that fails keeps its order: it stops for this round and waits twice as long after
 * each failing round (from {@code poll}, at most {@link #MAX_PAUSE}), so a receiver that is down
 * is not hammered; the other channels go on.
 */
public final class AlertDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
  static final Duration MAX_PAUSE = Duration.ofMinutes(5);
  private static final int BATCH = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final ClickHouseSettings clickhouse;
  private final List<AlertChannel> channels;
  private final Duration poll;
  private final Duration maxAge;
  private final Clock clock;
  /** Per channel: failed rounds in a row, and when to try again. */
  private final Map<String, Integer> failedRounds = new HashMap<>();
  private final Map<String, Long> pausedUntil = new HashMap<>();
  /** Per channel and alert: attempts so far (recorded with the delivery). */
  private final Map<String, Integer> attempts = new HashMap<>();
  private volatile ScheduledExecutorService executor;

  /**
   * {@code maxAge}: alerts whose move was seen longer ago than this are not sent (a backfill raises
   * alerts for history; they stay in the table and {@code kooch alerts}).
   */
  public AlertDispatcher(ClickHouseSettings writer, List<AlertChannel> channels, Duration poll, Duration maxAge, Clock clock) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("no alert channel");
    }
    this.clickhouse = writer;
    this.channels = List.copyOf(channels);
    this.poll = poll;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Starts polling on a thread of its own. */
  public AlertDispatcher start() {
    executor = newExecutor();
    executor.scheduleWithFixedDelay(this::round, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("delivering alerts to {} every {} ms", channels, poll.toMillis());
    return this;
  }

  private static ScheduledExecutorService newExecutor() {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kooch-alert-dispatcher");
      t.setDaemon(true);
      return t;
    });
  }

  /** One round over every channel; returns the alerts delivered. Never throws: failures are logged and retried later. */
  public synchronized int round() {
    int delivered = 0;
    try (ClickHouseGateway g = new ClickHouseGateway(clickhouse)) {
      Alerts alerts = new Alerts(g);
      for (AlertChannel channel : channels) {
        if (clock.millis() < pausedUntil.getOrDefault(channel.name(), 0L)) {
          continue;
        }
        delivered += deliverPending(g, alerts, channel);
      }
    } catch (RuntimeException e) {
      LOG.warn("alert dispatcher cannot read or record alerts now: {}", e.getMessage());
    }
    return delivered;
  }

  private int deliverPending(ClickHouseGateway g, Alerts alerts, AlertChannel channel) {
    int delivered = 0;
    for (Alerts.Alert a : alerts.undelivered(channel.name(), BATCH, clock.instant().minus(maxAge))) {
      String key = channel.name() + "|" + a.alertId();
      int attempt = attempts.merge(key, 1, Integer::sum);
      try {
        channel.deliver(a);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return delivered;
      } catch (Exception e) {
        int rounds = failedRounds.merge(channel.name(), 1, Integer::sum);
        long pause = Math.min(poll.toMillis() << Math.min(rounds, 20), MAX_PAUSE.toMillis());
        pausedUntil.put(channel.name(), clock.millis() + pause);
        LOG.warn("alert {} not delivered by {} (attempt {}), trying again in {} ms: {}", a.alertId(), channel, attempt, pause, e.getMessage());
        return delivered;
      }
      record(g, a, channel, attempt);
      attempts.remove(key);
      failedRounds.remove(channel.name());
      delivered++;
      LOG.info("alert {} delivered by {}: {}", a.alertId(), channel, a.fromPlatform() + "/" + a.fromChannel() + " > " + a.toPlatform() + "/" + a.toChannel());
    }
    return delivered;
  }

  private void record(ClickHouseGateway g, Alerts.Alert a, AlertChannel channel, int attempt) {
    ObjectNode row = JSON.createObjectNode();
    row.put("alert_id", a.alertId());
    row.put("channel", channel.name());
    row.put("delivered_at", SQL_TIME.format(clock.instant()));
    row.put("attempts", attempt);
    g.insertJsonEachRow("alert_deliveries", (row + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws InterruptedException {
    ScheduledExecutorService executor = this.executor;
    if (executor != null) {
      executor.shutdownNow();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    }
  }
}
