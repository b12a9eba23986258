package org.kooch.streaming.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The few calls of Flink's REST API that submitting a jar and watching its job need:
 * {@code /overview}, {@code /jars/upload}, {@code /jars/:id/run}, {@code /jobs/:id},
 * {@code /jobs/:id/checkpoints}, {@code /jobs/:id/exceptions}. See Flink's "REST API" docs.
 */
public final class FlinkRest {
  private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  public FlinkRest(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Waits until the JobManager answers and {@code slots} task slots are registered. */
  public void awaitSlots(int slots, Duration timeout, BooleanSupplier stillAlive) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!stillAlive.getAsBoolean()) {
        throw new IllegalStateException("a cluster process exited during start-up");
      }
      try {
        JsonNode overview = get("/overview");
        last = overview.toString();
        if (overview.path("slots-total").asInt() >= slots) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("cluster not ready after " + timeout + ": " + last);
  }

  /** Uploads a jar ({@code POST /jars/upload}, multipart field {@code jarfile}); returns its id. */
  public String upload(Path jar) throws IOException, InterruptedException {
    String boundary = "kooch-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName()
        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    String filename = answer.path("filename").asText();
    if (!"success".equals(answer.path("status").asText()) || filename.isEmpty()) {
      throw new IOException("jar upload failed: " + answer);
    }
    return Path.of(filename).getFileName().toString();
  }

  /** Runs an uploaded jar's main class ({@code POST /jars/:id/run}); returns the job id. */
  public String run(String jarId, String entryClass, List<String> programArgs, int parallelism) throws IOException, InterruptedException {
    ObjectNode request = json.createObjectNode();
    request.put("entryClass", entryClass);
    request.put("parallelism", parallelism);
    programArgs.forEach(request.putArray("programArgsList")::add);
    JsonNode answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/jars/" + jarId + "/run"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))));
    String jobId = answer.path("jobid").asText();
    if (jobId.isEmpty()) {
      throw new IOException("job submission failed: " + answer);
    }
    return jobId;
  }

  /** Polls {@code /jobs/:id} until the job is FINISHED, FAILED or CANCELED; returns its details. */
  public JsonNode awaitTerminal(String jobId, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode job = get("/jobs/" + jobId);
    while (!TERMINAL.contains(job.path("state").asText()) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      job = get("/jobs/" + jobId);
    }
    return job;
  }

  /** The root cause Flink recorded for a failed job ({@code /jobs/:id/exceptions}). */
  public String exceptions(String jobId) {
    try {
      return get("/jobs/" + jobId + "/exceptions").path("root-exception").asText();
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }

  /** The job's state: CREATED, RUNNING, RESTARTING, FINISHED, FAILED, ... ({@code /jobs/:id}). */
  public String state(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId).path("state").asText();
  }

  /** Checkpoints the job completed so far ({@code /jobs/:id/checkpoints}, {@code counts.completed}). */
  public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  /** Failures the job recovered from or died of ({@code /jobs/:id/exceptions}, {@code exceptionHistory}). */
  public List<String> failures(String jobId) throws IOException, InterruptedException {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode e : get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
      out.add(e.path("exceptionName").asText() + ": " + e.path("stacktrace").asText().lines().findFirst().orElse(""));
    }
    return out;
  }

  /** Cancels a job ({@code PATCH /jobs/:id?mode=cancel}). */
  public void cancel(String jobId) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("cancel " + jobId + " -> HTTP " + response.statusCode() + ": " + response.body());
    }
  }

  public JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET());
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.build().uri() + " -> HTTP " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body());
  }
}
