package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.kooch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.app.EndToEndTest.Result;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.kafka.CollectorStateTopic;
import org.kooch.ingest.kafka.TopicPlan;

/**
 * {@code kooch kafka topics} and the refusal to create single-replica topics on the operator's
 * Kafka, through the real command line against brokers of the test's own (each starts without
 * topics). A broker here has one node, so only replication factor 1 can be created.
 */
class KafkaCommandTest {

  @Test
  void refusesMissingTopicsThenCreatesEveryTopicAndFindsThemAsAskedOnTheNextRun(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      String kafka = broker.bootstrapServers();

      Result refused = kooch("dead-letters", "--kafka", kafka, "--state-dir", dir.resolve("state").toString());

      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err())
          .contains("has no topic kooch.posts.v1")
          .contains("kooch kafka topics --kafka " + kafka + " --replication-factor 3")
          .contains("--kafka-auto-create-topics");
      assertThat(topics(kafka)).doesNotContainAnyElementsOf(TopicPlan.names());

      Result first = kooch("kafka", "topics", "--kafka", kafka, "--replication-factor", "1", "--partitions", "3");

      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out())
          .contains("kooch.posts.v1: created, 3 partitions, replication factor 1, [min.insync.replicas=1, retention.ms=-1]")
          .contains(CollectorStateTopic.TOPIC + ": created, 1 partition, replication factor 1, [cleanup.policy=compact, min.insync.replicas=1]")
          .contains("all 6 Kooch topics exist as asked");

      Result second = kooch("kafka", "topics", "--kafka", kafka, "--replication-factor", "1", "--partitions", "3");

      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).doesNotContain("created").contains("kooch.deadletter.v1: exists, as asked");

      Result after = kooch("dead-letters", "--kafka", kafka, "--state-dir", dir.resolve("state").toString());
      assertThat(after.exit()).as(after.err()).isZero();
    }
  }

  @Test
  void createsWhatIsMissingOnlyWhenOptedInAndReportsAnExistingTopicThatDiffers(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      String kafka = broker.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
        admin.createTopics(List.of(new NewTopic("kooch.posts.v1", 2, (short) 1))).all().get();
      }

      Result refused = kooch("dead-letters", "--kafka", kafka, "--state-dir", dir.resolve("state").toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("has no topic kooch.subscribers.v1").doesNotContain("kooch.posts.v1,");

      Result optedIn = kooch("dead-letters", "--kafka", kafka, "--kafka-auto-create-topics", "--state-dir", dir.resolve("state").toString());
      assertThat(optedIn.exit()).as(optedIn.err()).isZero();
      assertThat(topics(kafka)).containsAll(TopicPlan.names());

      Result check = kooch("kafka", "topics", "--kafka", kafka, "--replication-factor", "1");

      assertThat(check.exit()).as(check.err()).isEqualTo(1);
      assertThat(check.out())
          .contains("kooch.posts.v1: exists, differs from what was asked")
          .contains("WARNING kooch.posts.v1 has 2 partitions, asked 4")
          .contains("WARNING kooch.posts.v1 has retention.ms=604800000, asked -1")
          .contains("kooch.subscribers.v1: exists, as asked")
          .contains("1 of 6 topics differ from what was asked");
    }
  }

  @Test
  void badInputExitsWith2AndCreatesNothing() throws Exception {
    String kafka = TestKafka.shared().bootstrapServers();
    List<String> before = topics(kafka);

    Result defaultReplication = kooch("kafka", "topics", "--kafka", kafka);
    assertThat(defaultReplication.exit()).isEqualTo(2);
    assertThat(defaultReplication.err()).contains("--replication-factor 3 needs at least 3 brokers");

    assertThat(kooch("kafka", "topics", "--kafka", kafka, "--partitions", "0").err()).contains("--partitions must be at least 1");
    assertThat(kooch("kafka", "topics", "--kafka", kafka, "--replication-factor", "0").exit()).isEqualTo(2);
    Result insync = kooch("kafka", "topics", "--kafka", kafka, "--replication-factor", "1", "--min-insync-replicas", "2");
    assertThat(insync.exit()).isEqualTo(2);
    assertThat(insync.err()).contains("--min-insync-replicas 2 exceeds --replication-factor 1");
    assertThat(kooch("kafka", "topics", "--kafka", kafka, "--partitions", "many").exit()).isEqualTo(2);
    assertThat(topics(kafka)).containsExactlyInAnyOrderElementsOf(before);
  }

  private static List<String> topics(String kafka) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      return List.copyOf(admin.listTopics().names().get());
    }
  }
}
