package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseSettings;

/** The job's shape: which operators share a task, so a record crosses the network no more often than it must. */
class KoochJobGraphTest {

  private static JobGraph graph() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    JobSettings settings = JobSettings.defaults("localhost:9", new ClickHouseSettings("http://localhost:9", "default", null, "kooch"), false);
    new KoochJob(KafkaConnectors.recordSource(settings), KafkaConnectors.deadLetterSink(settings), settings).build(env);
    return env.getStreamGraph().getJobGraph();
  }

  private static JobVertex vertexOf(JobGraph graph, String operator) {
    for (JobVertex v : graph.getVertices()) {
      if (v.getName().contains(operator)) {
        return v;
      }
    }
    throw new AssertionError("no vertex runs " + operator + " in " + names(graph));
  }

  private static List<String> names(JobGraph graph) {
    List<String> names = new ArrayList<>();
    graph.getVertices().forEach(v -> names.add(v.getName()));
    return names;
  }

  /** Posts and counts cross the network once to their channel's subtask; the operators keyed by channel run there, chained. */
  @Test
  void theOperatorsKeyedByChannelShareOneShuffle() {
    JobGraph graph = graph();
    JobVertex byChannel = vertexOf(graph, "by-channel");
    assertThat(byChannel.getName()).contains("channel-daily", "channel-attention", "day-ends");
    // Its inputs, the posts and the counts keyed by channel, both come from the source's chain: nothing else feeds it.
    JobVertex source = vertexOf(graph, "kafka-records");
    assertThat(byChannel.getInputs()).hasSize(2)
        .allSatisfy(edge -> assertThat(edge.getSource().getProducer().getID()).isEqualTo(source.getID()));
    assertThat(names(graph).stream().filter(n -> n.contains("channel-attention ->") || n.contains("day-ends ->") || n.contains("channel-daily ->")))
        .containsExactly(byChannel.getName());
  }
}
