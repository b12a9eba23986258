package org.kooch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.Sql;

/**
 * The probe channels' records, when each was published, and when ClickHouse first showed it: a
 * post in {@code posts}, a count in today's {@code channel_daily} row (whose subscriber count is a
 * day's latest, and counts grow, so a row with a count at least a probe's includes the probe).
 * {@link #poll} asks ClickHouse once; the caller polls every 100 ms, which adds up to that to each
 * figure.
 */
final class FreshnessProbes {
  private final ConcurrentSkipListMap<Long, Long> postsPending = new ConcurrentSkipListMap<>();
  private final Map<String, NavigableMap<Long, Long>> countsPending = new HashMap<>();
  private final List<Long> postLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> dailyLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> probeChannels;

  FreshnessProbes(int channels) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      if (LiveLoad.isProbe(c) && LiveLoad.platform(c).equals("telegram")) {
        names.add(LiveLoad.channel(c));
      }
    }
    this.probeChannels = List.copyOf(names);
  }

  void postSent(String channel, long postId, long atMillis) {
    if (probeChannels.contains(channel)) {
      postsPending.put(postId, atMillis);
    }
  }

  synchronized void countSent(String channel, long subscribers, long atMillis) {
    if (probeChannels.contains(channel)) {
      countsPending.computeIfAbsent(channel, k -> new TreeMap<>()).put(subscribers, atMillis);
    }
  }

  /** Asks ClickHouse which pending probes it shows now. */
  void poll(ClickHouseGateway db) {
    String channels = probeChannels.stream().map(Sql::literal).collect(Collectors.joining(", "));
    if (!postsPending.isEmpty()) {
      long from = postsPending.firstKey();
      List<JsonNode> rows = db.query("SELECT post_id FROM posts WHERE platform = 'telegram' AND channel IN (" + channels
          + ") AND post_id >= " + from);
      long now = System.currentTimeMillis();
      for (JsonNode r : rows) {
        Long sent = postsPending.remove(r.path("post_id").asLong());
        if (sent != null) {
          postLatencies.add(now - sent);
        }
      }
    }
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    List<JsonNode> rows = db.query("SELECT channel, max(subscribers) AS s FROM channel_daily WHERE platform = 'telegram' AND channel IN ("
        + channels + ") AND day = " + Sql.literal(today) + " GROUP BY channel");
    long now = System.currentTimeMillis();
    synchronized (this) {
      for (JsonNode r : rows) {
        NavigableMap<Long, Long> pending = countsPending.get(r.path("channel").asText());
        if (pending == null) {
          continue;
        }
        NavigableMap<Long, Long> shown = pending.headMap(r.path("s").asLong(), true);
        for (long sent : shown.values()) {
          dailyLatencies.add(now - sent);
        }
        shown.clear();
      }
    }
  }

  synchronized long pending() {
    return postsPending.size() + countsPending.values().stream().mapToLong(Map::size).sum();
  }

  int probeChannels() {
    return probeChannels.size();
  }

  /** p50, p99 and max in ms, and how many, of the times to {@code posts}. */
  long[] posts() {
    return percentiles(postLatencies);
  }

  /** p50, p99 and max in ms, and how many, of the times to today's {@code channel_daily} row. */
  long[] daily() {
    return percentiles(dailyLatencies);
  }

  long postsPending() {
    return postsPending.size();
  }

  synchronized long countsPending() {
    return countsPending.values().stream().mapToLong(Map::size).sum();
  }

  private static long[] percentiles(List<Long> latencies) {
    List<Long> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
    }
    if (sorted.isEmpty()) {
      return new long[] {-1, -1, -1, 0};
    }
    Collections.sort(sorted);
    return new long[] {rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size()};
  }

  /** The nearest-rank percentile. */
  private static long rank(List<Long> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
