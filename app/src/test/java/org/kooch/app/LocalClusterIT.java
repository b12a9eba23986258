package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.kooch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kooch.app.EndToEndTest.Result;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.dashboards.DashboardServer;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.streaming.PipelineMain;
import org.kooch.streaming.cluster.ClusterScript;
import org.kooch.streaming.cluster.FlinkRest;

/**
 * Kooch on a cluster of real processes, started by {@code bin/kooch-cluster start} as a user would
 * (docs/operations.md, "A local cluster"): 3 Kafka brokers (replication 3, min.insync.replicas 2),
 * a Flink session cluster (a JobManager and 2 TaskManagers of 2 slots) and ClickHouse with 2 shards
 * of 2 replicas (the job writes the distributed tables, through a list of URLs).
 *
 * <p>The job jar runs on the session cluster twice, both submitted through the REST API: live
 * (streaming, while the 2018 scenario is published a simulated day at a time) and as a backfill
 * (bounded, once everything is in Kafka). Mid-stream, one broker, one ClickHouse replica (the first
 * URL of the list) and one TaskManager are killed with SIGKILL; the job fails over and runs on, and
 * each process is started again. Afterwards every {@code v_*} view and every table's logical rows,
 * read through the distributed tables, must equal those of a clean bounded run (a MiniCluster in
 * this JVM, on the single local ClickHouse) as {@link TableSnapshot} compares them; so must the
 * backfill's. The dashboard's JSON API and {@code kooch flows} answer from the cluster during the
 * faults, and after them give what they give on the clean run.
 *
 * <p>The cluster's state and every process's log are in {@code app/target/kooch-cluster/cluster}
 * (kafka/, flink/log/, node1-4/log/, zookeeper/). The cluster is stopped at the end, also on failure.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LocalClusterIT {
  private static final int PARALLELISM = 2;
  private static final long DAY_PAUSE_MS = 150;
  private static final int FAULT_DAY = 30;
  private static final Duration WAIT = Duration.ofMinutes(3);

  private static Path state;
  private static ClusterScript cluster;
  private static String kafka;
  private static String clickhouseUrls;
  private static FlinkRest flink;
  private static ScenarioFeed feed;
  private static final List<String> progress = new ArrayList<>();
  private static ClickHouseSettings cleanDatabase;

  @BeforeAll
  static void startCluster() throws Exception {
    state = Path.of(System.getProperty("kooch.cluster.state", "target/kooch-cluster")).toAbsolutePath();
    cluster = new ClusterScript(Map.of("KOOCH_STATE_DIR", state.toString()));
    cluster.tryRun("stop"); // a run killed before its end left it running
    deleteTree(state);
    Files.createDirectories(state);
    Runtime.getRuntime().addShutdownHook(new Thread(LocalClusterIT::stopCluster, "local-cluster-stop"));
    long start = System.nanoTime();
    cluster.run("start");
    Map<String, String> env = env(cluster.run("env"));
    kafka = env.get("KOOCH_KAFKA");
    clickhouseUrls = env.get("KOOCH_CLICKHOUSE_URL");
    flink = new FlinkRest(env.get("KOOCH_FLINK_REST"));
    report("cluster started in %.0f s: Kafka %s, ClickHouse %s, Flink %s", seconds(start), kafka, clickhouseUrls, env.get("KOOCH_FLINK_REST"));

    Result topics = kooch("kafka", "topics", "--kafka", kafka, "--partitions", String.valueOf(PARALLELISM), "--replication-factor", "3");
    assertThat(topics.exit()).as(topics.out() + topics.err()).isZero();
    assertThat(topics.out()).contains("kooch.posts.v1: created, 2 partitions, replication factor 3, [min.insync.replicas=2, retention.ms=-1]");
    feed = ScenarioFeed.of(Scenario.IRAN_2018);
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (cluster != null) {
        long start = System.nanoTime();
        cluster.tryRun("stop");
        report("%s; cluster stopped in %.0f s", String.join("; ", progress), seconds(start));
      }
    } catch (Exception e) {
      System.err.println("stopping the local cluster: " + e);
    }
  }

  @Test
  void liveRunSurvivesABrokerAReplicaAndATaskManagerKilledAndBothRunsEqualACleanRun() throws Exception {
    long setup = System.nanoTime();
    ClickHouseSettings live = migratedOnCluster("cluster_live");
    ClickHouseSettings backfill = migratedOnCluster("cluster_backfill");
    progress.add(String.format("two databases migrated on the cluster in %.0f s", seconds(setup)));
    setup = System.nanoTime();
    String jarId = flink.upload(Path.of(System.getProperty("kooch.job.jar")));
    String liveJob = flink.run(jarId, PipelineMain.class.getName(), jobArgs(live, false), PARALLELISM);
    awaitJobRunning(liveJob);
    progress.add(String.format("the live job running %.0f s after the upload", seconds(setup)));

    KafkaSettings kafkaSettings = KafkaSettings.of(kafka);
    try (RecordPublisher publisher = new RecordPublisher(kafkaSettings);
        DashboardServer dashboard = new DashboardServer(ClickHouseTestServer.readOnly(live))) {
      String api = "http://127.0.0.1:" + dashboard.start("127.0.0.1", 0);
      long phase = System.nanoTime();
      feed.publishDays(publisher, 0, 1, 0);
      awaitLanded(live, 1, liveJob);
      feed.publishDays(publisher, 1, FAULT_DAY, DAY_PAUSE_MS);
      awaitTrue("a completed checkpoint", () -> flink.completedCheckpoints(liveJob) > 0, liveJob);

      progress.add(String.format("%d days landed and checkpointed in %.0f s", FAULT_DAY, seconds(phase)));
      phase = System.nanoTime();
      // A broker dies with half of a day published: acks=all and min.insync.replicas=2 keep going on two.
      List<SpecificRecord> day = feed.day(FAULT_DAY);
      int half = day.size() / 2;
      day.subList(0, half).forEach(publisher::publish);
      cluster.run("kill", "broker", "2");
      day.subList(half, day.size()).forEach(publisher::publish);
      publisher.flush();
      feed.publishDays(publisher, FAULT_DAY + 1, FAULT_DAY + 2, DAY_PAUSE_MS);

      // The first ClickHouse URL's replica dies: writers and readers go on to the next URL.
      cluster.run("kill", "clickhouse", "1");
      feed.publishDays(publisher, FAULT_DAY + 2, FAULT_DAY + 4, DAY_PAUSE_MS);
      answersDuringFaults(api, live, "a broker and a replica down");

      // A TaskManager dies: its tasks fail, the job restarts from its last checkpoint on the slots left.
      int failuresBefore = flink.failures(liveJob).size();
      cluster.run("kill", "taskmanager", "1");
      feed.publishDays(publisher, FAULT_DAY + 4, FAULT_DAY + 6, DAY_PAUSE_MS);
      awaitTrue("the job's failover after the TaskManager's loss", () -> flink.failures(liveJob).size() > failuresBefore, liveJob);
      awaitJobRunning(liveJob);
      awaitLanded(live, FAULT_DAY + 6, liveJob);
      answersDuringFaults(api, live, "a broker, a replica and a TaskManager down");

      cluster.run("start", "broker", "2");
      cluster.run("start", "clickhouse", "1");
      cluster.run("start", "taskmanager", "1");
      List<String> failures = flink.failures(liveJob);
      progress.add(String.format("faults, failover and restarts in %.0f s", seconds(phase)));
      phase = System.nanoTime();

      feed.publishDays(publisher, FAULT_DAY + 6, feed.days(), DAY_PAUSE_MS);
      publisher.flush();
      ScenarioFeed.publishEndOfStream(kafkaSettings);

      progress.add(String.format("the other %d days published in %.0f s", feed.days() - FAULT_DAY - 6, seconds(phase)));
      phase = System.nanoTime();
      String backfillJob = flink.run(jarId, PipelineMain.class.getName(), jobArgs(backfill, true), PARALLELISM);
      TableSnapshot reference = cleanRun(kafkaSettings);

      assertSameAsReference(live, reference, "the live run", () -> !terminal(flink.state(liveJob)));
      progress.add(String.format("the live run equal to the clean run %.0f s after the last record", seconds(phase)));
      JsonNode finished = flink.awaitTerminal(backfillJob, WAIT);
      progress.add(String.format("the backfill finished %.0f s after the last record", seconds(phase)));
      assertThat(finished.path("state").asText()).as("the backfill; root cause: %s", flink.exceptions(backfillJob)).isEqualTo("FINISHED");
      // Each shard's second replica fetches the backfill's last parts from the first one: read until it has them.
      assertSameAsReference(backfill, reference, "the backfill", () -> true);
      progress.add(String.format("the backfill's tables equal to the clean run %.0f s after the last record", seconds(phase)));
      assertThat(flink.state(liveJob)).as("the live job after the faults").isEqualTo("RUNNING");

      answersAfterFaults(api, live, reference);
      report("live run: %d records, %d days; broker 2, ClickHouse node 1 and TaskManager 1 killed (SIGKILL) from day %d;"
              + " job failures recovered from: %s; every view and table equal to the clean run, as is the backfill's; %s",
          feed.records(), feed.days(), FAULT_DAY, failures.stream().map(f -> f.substring(0, f.indexOf(':'))).toList(),
          String.join("; ", progress));
      flink.cancel(liveJob);
    }
  }

  /** The dashboard's JSON API and {@code kooch flows} answer while processes are down. */
  private static void answersDuringFaults(String api, ClickHouseSettings live, String while_) throws Exception {
    for (String path : List.of("/api/health", "/api/platforms", "/api/flows", "/api/channels", "/api/alerts")) {
      HttpResponse<String> r = get(api + path);
      assertThat(r.statusCode()).as("GET %s with %s: %s", path, while_, r.body()).isEqualTo(200);
    }
    Result flows = flows(live);
    assertThat(flows.exit()).as("kooch flows with %s: %s", while_, flows.err()).isZero();
    progress.add("dashboard API and kooch flows answered with " + while_);
  }

  /** After the faults, the dashboard's JSON API and {@code kooch flows} give what they give on the clean run. */
  private static void answersAfterFaults(String api, ClickHouseSettings live, TableSnapshot reference) throws Exception {
    ClickHouseSettings clean = cleanDatabase;
    try (DashboardServer cleanDashboard = new DashboardServer(ClickHouseTestServer.readOnly(clean))) {
      String cleanApi = "http://127.0.0.1:" + cleanDashboard.start("127.0.0.1", 0);
      String range = "?from=2018-03-20&to=2018-06-01";
      for (String path : List.of("/api/platforms" + range, "/api/flows" + range)) {
        HttpResponse<String> got = get(api + path);
        assertThat(got.statusCode()).as("GET %s: %s", path, got.body()).isEqualTo(200);
        assertThat(got.body()).as("GET %s on the cluster and on the clean run", path).isEqualTo(get(cleanApi + path).body());
      }
    }
    Result onCluster = flows(live);
    Result onClean = flows(clean);
    assertThat(onCluster.exit()).as(onCluster.err()).isZero();
    assertThat(onCluster.out()).as("kooch flows on the cluster and on the clean run").isEqualTo(onClean.out()).contains("telegram");
  }

  private static Result flows(ClickHouseSettings ch) {
    return kooch("flows", "--clickhouse", ch.url(), "--database", ch.database(), "--from", "2018-03-20", "--to", "2018-06-01");
  }

  /** The same records, bounded, on a MiniCluster in this JVM into a fresh database on the single local ClickHouse. */
  private static TableSnapshot cleanRun(KafkaSettings kafkaSettings) throws Exception {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("cluster_ref");
    cleanDatabase = ch;
    long start = System.nanoTime();
    JobRunner.environment(kafkaSettings, ch, true, PARALLELISM, Duration.ofSeconds(2), state.resolve("reference"), null)
        .execute("clean reference (bounded)");
    TableSnapshot reference = TableSnapshot.of(ch, ScenarioFeed.END_OF_STREAM_DAY);
    assertThat(reference.rows("view v_posts")).isEqualTo(feed.postsUpTo(feed.days())).isPositive();
    assertThat(reference.rows("view v_migration_flows")).isPositive();
    progress.add(String.format("clean run in %.0f s", seconds(start)));
    return reference;
  }

  /** Waits until every view and table equals the clean run's (while {@code keepWaiting}); fails with the differences if they never do. */
  private static void assertSameAsReference(ClickHouseSettings ch, TableSnapshot reference, String run, Condition keepWaiting)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> differences = TableSnapshot.of(ch, ScenarioFeed.END_OF_STREAM_DAY).differencesFrom(reference);
    while (!differences.isEmpty() && keepWaiting.holds() && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      differences = TableSnapshot.of(ch, ScenarioFeed.END_OF_STREAM_DAY).differencesFrom(reference);
    }
    assertThat(differences).as(run + " on the cluster, compared with the clean bounded run").isEmpty();
  }

  /** A fresh database on the cluster: replicated tables on every node, distributed ones under the usual names. */
  private static ClickHouseSettings migratedOnCluster(String prefix) {
    String db = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    Result r = kooch("db", "migrate", "--clickhouse", clickhouseUrls, "--database", db, "--cluster", "kooch", "--shards");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return new ClickHouseSettings(clickhouseUrls, ClickHouseSettings.WRITER, "", db);
  }

  private static List<String> jobArgs(ClickHouseSettings ch, boolean bounded) {
    List<String> args = new ArrayList<>(List.of("--kafka", kafka, "--clickhouse", ch.url(), "--database", ch.database(),
        "--checkpoint-interval", "2s"));
    if (bounded) {
      args.add("--bounded");
    }
    return args;
  }

  /** Until the job and every one of its tasks run. */
  private static void awaitJobRunning(String jobId) throws Exception {
    awaitTrue("every task of job " + jobId + " running", () -> {
      JsonNode job = flink.get("/jobs/" + jobId);
      if (!job.path("state").asText().equals("RUNNING")) {
        return false;
      }
      for (JsonNode v : job.path("vertices")) {
        if (!v.path("status").asText().equals("RUNNING")) {
          return false;
        }
      }
      return true;
    }, jobId);
  }

  private static void awaitLanded(ClickHouseSettings ch, int days, String jobId) throws Exception {
    long want = feed.postsUpTo(days);
    awaitTrue("the posts of " + days + " days (" + want + ") in v_posts", () -> count(ch, "v_posts") == want, jobId);
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(String what, Condition condition, String jobId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.holds()) {
      String s = flink.state(jobId);
      assertThat(terminal(s)).as("job %s ended (%s) while waiting for %s; root cause: %s", jobId, s, what, flink.exceptions(jobId)).isFalse();
      assertThat(System.nanoTime()).as("timed out waiting for %s; logs in %s", what, state.resolve("cluster")).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static boolean terminal(String jobState) {
    return jobState.equals("FINISHED") || jobState.equals("FAILED") || jobState.equals("CANCELED");
  }

  private static long count(ClickHouseSettings ch, String relation) {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      return g.queryLong("SELECT count() FROM " + relation);
    } catch (RuntimeException e) {
      return -1; // a node down or restarting
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code NAME=value} lines, as {@code bin/kooch-cluster env} prints them. */
  private static Map<String, String> env(String output) {
    Map<String, String> out = new java.util.HashMap<>();
    output.lines().filter(l -> l.matches("[A-Z_]+=.*")).forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return out;
  }

  private static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void report(String format, Object... args) {
    System.out.println("[local-cluster] " + String.format(format, args));
  }
}
