package org.kooch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.schemas.RecordType;

/**
 * The topic plan, and {@link TopicCheck} on the shared test broker with topics of this test's own
 * names (the broker has one node: replication factor 1 only, larger ones are refused).
 */
class TopicCheckTest {

  @Test
  void planHasEveryKoochTopicRetainedForeverAndTheStateTopicCompactedInOnePartition() {
    List<TopicSpec> plan = TopicPlan.kooch(6, (short) 3, 2);

    assertThat(plan).extracting(TopicSpec::name)
        .containsAll(List.of(RecordType.dataTopics()))
        .contains(RecordType.DEAD_LETTER_TOPIC, CollectorStateTopic.TOPIC);
    assertThat(plan).filteredOn(s -> !s.name().equals(CollectorStateTopic.TOPIC)).allSatisfy(s -> {
      assertThat(s.partitions()).isEqualTo(6);
      assertThat(s.configs()).isEqualTo(Map.of("retention.ms", "-1", "min.insync.replicas", "2"));
    });
    TopicSpec state = plan.get(plan.size() - 1);
    assertThat(state.partitions()).isEqualTo(1);
    assertThat(state.replication()).isEqualTo((short) 3);
    assertThat(state.configs()).isEqualTo(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"));
    assertThat(TopicPlan.names()).hasSize(plan.size());
  }

  @Test
  void planRefusesFiguresOutOfRange() {
    assertThatThrownBy(() -> TopicPlan.kooch(0, (short) 1, 1)).hasMessageContaining("--partitions must be at least 1");
    assertThatThrownBy(() -> TopicPlan.kooch(4, (short) 0, 1)).hasMessageContaining("--replication-factor must be at least 1");
    assertThatThrownBy(() -> TopicPlan.kooch(4, (short) 2, 3)).hasMessageContaining("--min-insync-replicas 3 exceeds");
  }

  @Test
  void differencesNameEachSettingThatIsNotAsAsked() {
    TopicSpec asked = new TopicSpec("t", 4, (short) 3, Map.of("retention.ms", "-1", "min.insync.replicas", "2"));

    assertThat(TopicCheck.differences(asked, 4, 3, Map.of("retention.ms", "-1", "min.insync.replicas", "2"))).isEmpty();
    assertThat(TopicCheck.differences(asked, 8, 3, Map.of("retention.ms", "-1", "min.insync.replicas", "2")))
        .as("more partitions than asked are fine").isEmpty();
    assertThat(TopicCheck.differences(asked, 2, 1, Map.of("retention.ms", "604800000", "min.insync.replicas", "1")))
        .hasSize(4)
        .anySatisfy(d -> assertThat(d).startsWith("has 2 partitions, asked 4"))
        .contains("has replication factor 1, asked 3", "has retention.ms=604800000, asked -1", "has min.insync.replicas=1, asked 2");
  }

  @Test
  void createsWhatIsMissingThenFindsItAsAskedAndReportsAnExistingTopicThatDiffers() throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    String prefix = "topic-check-" + UUID.randomUUID() + ".";
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin.createTopics(List.of(new NewTopic(prefix + "narrow", 1, (short) 1))).all().get();
    }
    List<TopicSpec> plan = List.of(
        new TopicSpec(prefix + "records", 3, (short) 1, Map.of("retention.ms", "-1", "min.insync.replicas", "1")),
        new TopicSpec(prefix + "state", 1, (short) 1, Map.of("cleanup.policy", "compact")),
        new TopicSpec(prefix + "narrow", 3, (short) 1, Map.of("retention.ms", "-1")));

    List<TopicCheck.Outcome> first = TopicCheck.apply(kafka, plan);

    assertThat(first).extracting(TopicCheck.Outcome::created).containsExactly(true, true, false);
    assertThat(first.get(2).differences()).hasSize(2)
        .anySatisfy(d -> assertThat(d).startsWith("has 1 partition, asked 3"))
        .anySatisfy(d -> assertThat(d).startsWith("has retention.ms=").endsWith(", asked -1"));

    List<TopicCheck.Outcome> second = TopicCheck.apply(kafka, plan.subList(0, 2));

    assertThat(second).allSatisfy(o -> {
      assertThat(o.created()).isFalse();
      assertThat(o.differences()).as(o.spec().name()).isEmpty();
    });
  }

  @Test
  void refusesAReplicationFactorAboveTheBrokerCountBeforeCreatingAnything() throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    String name = "topic-check-" + UUID.randomUUID();

    assertThatThrownBy(() -> TopicCheck.apply(kafka, List.of(new TopicSpec(name, 1, (short) 3, Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--replication-factor 3 needs at least 3 brokers")
        .hasMessageContaining("has 1");
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      assertThat(admin.listTopics().names().get()).doesNotContain(name);
    }
  }
}
