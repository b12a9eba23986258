package org.kooch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink's own checkpoint statistics of a job on a local MiniCluster, read from its REST API
 * ({@code /jobs/:id/checkpoints}) once a second while the job runs: the MiniCluster serves the
 * REST API on a port this class picks and gives the environment ({@link #expose}). The last answer
 * is kept, since the API goes away with a bounded job's MiniCluster.
 */
final class CheckpointStats implements AutoCloseable {
  /** What the statistics say: completed checkpoints, their sizes and durations (Flink's summary over all of them). */
  record Summary(long completed, long failed, long maxStateSize, long lastStateSize, long maxCheckpointedSize,
      long p50DurationMs, long maxDurationMs, Map<String, Long> lastStateByVertex) {
    static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0, 0, Map.of());

    /** The vertices with the most state at the latest checkpoint, largest first: "name 123 MB". */
    String largest(int n) {
      return lastStateByVertex.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(n)
          .map(e -> e.getKey() + " " + (e.getValue() >> 20) + " MB")
          .collect(Collectors.joining(", "));
    }
  }

  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<Summary> latest = new AtomicReference<>(Summary.NONE);
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "checkpoint-stats");
    t.setDaemon(true);
    return t;
  });

  private CheckpointStats(int port) {
    this.port = port;
    poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
  }

  /** Serves {@code env}'s REST API on a free port and reads its checkpoint statistics from it. */
  static CheckpointStats expose(StreamExecutionEnvironment env) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_PORT, Integer.toString(port));
    conf.set(RestOptions.PORT, port);
    env.configure(conf);
    return new CheckpointStats(port);
  }

  /** The latest statistics read. */
  Summary summary() {
    return latest.get();
  }

  private void poll() {
    try {
      JsonNode jobs = get("/jobs");
      for (JsonNode job : jobs.path("jobs")) {
        if ("RUNNING".equals(job.path("status").asText())) {
          String id = job.path("id").asText();
          JsonNode c = get("/jobs/" + id + "/checkpoints");
          JsonNode summary = c.path("summary");
          Map<String, Long> byVertex = latest.get().lastStateByVertex();
          JsonNode last = c.path("latest").path("completed");
          if (!last.isMissingNode() && !last.isNull()) {
            byVertex = byVertex(id, last.path("id").asLong());
          }
          latest.set(new Summary(
              c.path("counts").path("completed").asLong(),
              c.path("counts").path("failed").asLong(),
              summary.path("state_size").path("max").asLong(),
              c.path("latest").path("completed").path("state_size").asLong(),
              summary.path("checkpointed_size").path("max").asLong(),
              summary.path("end_to_end_duration").path("p50").asLong(),
              summary.path("end_to_end_duration").path("max").asLong(),
              byVertex));
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not up yet, or gone with the job: the last answer stands
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Each vertex's state size in checkpoint {@code checkpoint}, by the vertex's name (its chained operators). */
  private Map<String, Long> byVertex(String job, long checkpoint) throws IOException, InterruptedException {
    Map<String, String> names = new HashMap<>();
    for (JsonNode v : get("/jobs/" + job).path("vertices")) {
      String name = v.path("name").asText();
      names.put(v.path("id").asText(), name.length() > 60 ? name.substring(0, 60) + "..." : name);
    }
    Map<String, Long> sizes = new HashMap<>();
    JsonNode tasks = get("/jobs/" + job + "/checkpoints/details/" + checkpoint).path("tasks");
    tasks.fields().forEachRemaining(e ->
        sizes.merge(names.getOrDefault(e.getKey(), e.getKey()), e.getValue().path("state_size").asLong(), Long::sum));
    return sizes;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + " for " + path);
    }
    return json.readTree(r.body());
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
