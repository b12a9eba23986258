package org.kooch.streaming.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.ScenarioSimulator;
import org.kooch.ingest.simulate.TimedRecord;
import org.kooch.streaming.PipelineArgs;
import org.kooch.streaming.PipelineMain;

/**
 * The shaded job jar on a real Flink session cluster: a JobManager and two TaskManagers (2 slots
 * each) as separate processes, the jar uploaded and run at parallelism 4 through the REST API,
 * bounded, on the April 2018 scenario. Every {@code v_*} view must hold exactly the rows that the
 * same job gives on a MiniCluster at parallelism 2 (flows within one subscriber; {@code same_content}
 * links, which depend on arrival order, only exist).
 *
 * <p>Runs in failsafe's own JVM (after {@code package} built the jar), so the embedded broker's
 * topics hold this test's records only.
 */
class JobJarOnSessionClusterIT {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final List<String> VIEWS = List.of(
      "v_posts", "v_subscriber_snapshots", "v_channel_profiles", "v_platform_stats", "v_channel_daily",
      "v_channel_links", "v_channel_flows", "v_migration_flows", "v_platform_daily");

  /**
   * The links whose values do not depend on the order in which parallel subtasks deliver posts.
   * {@code same_content} links do: {@code SameContentDetector} compares a post with the posts its
   * LSH bucket has seen so far (at most 64), so which pair is found first, its post and similarity,
   * vary with parallelism. Those are asserted to exist only. So do {@code inferred} links, which
   * add up {@code same_content} links and are left out when an announcement of the pair came first.
   */
  private static final String ORDER_INDEPENDENT_LINKS = "evidence NOT IN ('same_content', 'inferred')";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SessionCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = SessionCluster.start(2, 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void jobJarAtParallelism4GivesTheMiniClusterResults() throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      for (TimedRecord r : ScenarioSimulator.run(Scenario.load(Scenario.IRAN_2018)).records()) {
        publisher.publish(r.record());
      }
    }
    ClickHouseSettings onCluster = ClickHouseTestServer.freshDatabase("cluster");
    ClickHouseSettings onMiniCluster = ClickHouseTestServer.freshDatabase("minicluster");

    FlinkRest rest = new FlinkRest(cluster.restUrl());
    rest.awaitSlots(4, Duration.ofSeconds(90), cluster::allAlive);
    String jarId = rest.upload(Path.of(System.getProperty("kooch.job.jar")));
    String jobId = rest.run(jarId, PipelineMain.class.getName(), args(kafka, onCluster), 4);

    PipelineMain.environment(PipelineArgs.parse(args(kafka, onMiniCluster).toArray(String[]::new), System.getenv()))
        .execute("reference on a MiniCluster");

    JsonNode job = rest.awaitTerminal(jobId, Duration.ofMinutes(3));
    assertThat(job.path("state").asText())
        .as("job state; root cause: %s%nlogs:%n%s", rest.exceptions(jobId), cluster.logTails())
        .isEqualTo("FINISHED");
    List<Integer> parallelisms = StreamSupport.stream(job.path("vertices").spliterator(), false)
        .map(v -> v.path("parallelism").asInt())
        .toList();
    assertThat(parallelisms).as("operator parallelism on the cluster").isNotEmpty().allMatch(p -> p == 4);

    SoftAssertions views = new SoftAssertions();
    try (ClickHouseGateway a = new ClickHouseGateway(onCluster); ClickHouseGateway b = new ClickHouseGateway(onMiniCluster)) {
      assertThat(a.queryLong("SELECT count() FROM v_migration_flows")).as("the scenario has flows").isPositive();
      for (String view : VIEWS) {
        String where = view.equals("v_channel_links") ? ORDER_INDEPENDENT_LINKS : "1";
        List<String> expected = rows(b, view, where);
        List<String> actual = rows(a, view, where);
        views.assertThat(expected).as(view + " on the MiniCluster").isNotEmpty();
        if (view.endsWith("_flows")) {
          // Sums of doubles in arrival order: a bound may round the other way (off by one subscriber).
          views.assertThat(withoutFlows(actual)).as(view + " on the session cluster, days and pairs").isEqualTo(withoutFlows(expected));
          views.assertThat(maxFlowDifference(actual, expected)).as(view + " on the session cluster, flows").isLessThanOrEqualTo(1);
        } else {
          views.assertThat(actual).as(view + " on the session cluster").isEqualTo(expected);
        }
      }
      views.assertThat(a.queryLong("SELECT count() FROM v_channel_links WHERE evidence = 'same_content'"))
          .as("same_content links on the cluster").isPositive();
    }
    views.assertAll();
  }

  private static List<String> args(KafkaSettings kafka, ClickHouseSettings ch) {
    return List.of("--kafka", kafka.bootstrapServers(), "--clickhouse", ch.url(), "--database", ch.database(),
        "--bounded", "--checkpoint-interval", "2s");
  }

  private static final List<String> FLOW_COLUMNS = List.of("flow", "flow_low", "flow_high");

  private static List<String> withoutFlows(List<String> rows) {
    return rows.stream().map(r -> { ObjectNode n = json(r); n.remove(FLOW_COLUMNS); return n.toString(); }).sorted().toList();
  }

  /** The largest difference of a flow column between rows that agree on everything else. */
  private static long maxFlowDifference(List<String> actual, List<String> expected) {
    Map<String, ObjectNode> byKey = new HashMap<>();
    for (String r : expected) {
      ObjectNode n = json(r);
      byKey.put(n.deepCopy().remove(FLOW_COLUMNS).toString(), n);
    }
    long max = 0;
    for (String r : actual) {
      ObjectNode n = json(r);
      ObjectNode e = byKey.get(n.deepCopy().remove(FLOW_COLUMNS).toString());
      for (String c : FLOW_COLUMNS) {
        max = Math.max(max, e == null ? Long.MAX_VALUE : Math.abs(n.get(c).asLong() - e.get(c).asLong()));
      }
    }
    return max;
  }

  private static ObjectNode json(String row) {
    try {
      return (ObjectNode) JSON.readTree(row);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A view's rows matching {@code where}, each as its JSON text, sorted: the same multiset compares equal. */
  private static List<String> rows(ClickHouseGateway g, String view, String where) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : g.query("SELECT * FROM " + view + " WHERE " + where)) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
