package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineArgsTest {
  @Test
  void readsOptionsAndTakesThePasswordFromTheEnvironmentOnly() {
    PipelineArgs a = PipelineArgs.parse(
        new String[] {"--kafka", "k1:9092,k2:9092", "--clickhouse", "https://ch:8443", "--database", "analytics",
            "--clickhouse-user", "writer", "--bounded", "--parallelism", "4", "--checkpoint-interval", "1m"},
        Map.of("KOOCH_CLICKHOUSE_PASSWORD", "s3cret"));
    assertThat(a.kafka()).isEqualTo("k1:9092,k2:9092");
    assertThat(a.clickhouse().url()).isEqualTo("https://ch:8443");
    assertThat(a.clickhouse().database()).isEqualTo("analytics");
    assertThat(a.clickhouse().user()).isEqualTo("writer");
    assertThat(a.clickhouse().password()).isEqualTo("s3cret");
    assertThat(a.bounded()).isTrue();
    assertThat(a.parallelism()).isEqualTo(4);
    assertThat(a.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(a.stateBackend()).as("a backfill of unknown size").isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(a.jobSettings().bounded()).isTrue();
    assertThat(a.jobSettings().kafkaBootstrap()).isEqualTo("k1:9092,k2:9092");
  }

  @Test
  void defaultsLeaveParallelismToTheClusterAndStream() {
    PipelineArgs a = PipelineArgs.parse(new String[] {"--kafka", "k:9092"}, Map.of());
    assertThat(a.parallelism()).isZero();
    assertThat(a.bounded()).isFalse();
    assertThat(a.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(a.stateBackend()).isEqualTo(StateBackendChoice.ROCKSDB);
    assertThat(PipelineArgs.parse(new String[] {"--kafka", "k:9092", "--state-backend", "HashMap"}, Map.of()).stateBackend())
        .isEqualTo(StateBackendChoice.HASHMAP);
    assertThat(a.clickhouse().database()).isEqualTo("kooch");
    assertThat(PipelineArgs.parse(new String[] {"--kafka", "k:9092", "--bounded"}, Map.of()).checkpointInterval())
        .as("the job jar does not know a backfill's size").isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void rejectsWhatItDoesNotKnow() {
    assertThatThrownBy(() -> PipelineArgs.parse(new String[] {"--kafka", "k:9092", "--password", "x"}, Map.of()))
        .hasMessageContaining("unknown option --password");
    assertThatThrownBy(() -> PipelineArgs.parse(new String[] {}, Map.of())).hasMessageContaining("--kafka is required");
    assertThatThrownBy(() -> PipelineArgs.parse(new String[] {"--kafka", "k:9092", "--checkpoint-interval", "10x"}, Map.of()))
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> PipelineArgs.parse(new String[] {"--kafka", "k:9092", "--state-backend", "memory"}, Map.of()))
        .hasMessageContaining("unknown state backend 'memory'");
  }
}
