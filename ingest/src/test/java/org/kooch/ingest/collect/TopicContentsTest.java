package org.kooch.ingest.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.kafka.KafkaSettings;

/**
 * The test helper every collector test reads its results with: it must not return without records
 * that were committed before the read began. Uses a topic of its own, so that no other test's
 * transaction shares its partition.
 */
class TopicContentsTest {

  @Test
  void readsPastTheLastStableOffsetToRecordsCommittedBehindAnOpenTransaction() throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    String topic = createTopic(kafka);
    try (KafkaProducer<byte[], byte[]> open = transactionalProducer(kafka);
        KafkaProducer<byte[], byte[]> committer = transactionalProducer(kafka)) {
      open.beginTransaction();
      open.send(new ProducerRecord<>(topic, 0, null, bytes("undecided"))).get();
      committer.beginTransaction();
      committer.send(new ProducerRecord<>(topic, 0, null, bytes("committed"))).get();
      committer.commitTransaction();

      // The open transaction holds the last stable offset at its first record, before the
      // committed one. A commit whose markers are not written yet holds it back the same way.
      assertThatThrownBy(() -> TopicContents.read(kafka, topic, Duration.ofSeconds(3)))
          .as("no answer without the committed record while the transaction before it is open")
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("could not read " + topic + " to its log end offsets");

      open.abortTransaction();
      assertThat(TopicContents.read(kafka, topic))
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactly("committed");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static KafkaProducer<byte[], byte[]> transactionalProducer(KafkaSettings kafka) {
    Properties p = kafka.clientProperties();
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("transactional.id", "topic-contents-test." + UUID.randomUUID());
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
    producer.initTransactions();
    return producer;
  }

  /** A one-partition topic of this test's own, once its leader answers for it. */
  private static String createTopic(KafkaSettings kafka) throws Exception {
    String topic = "kooch.test.topic-contents." + UUID.randomUUID();
    TopicPartition tp = new TopicPartition(topic, 0);
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (true) {
        try {
          admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get();
          return topic;
        } catch (ExecutionException notLedYet) {
          if (System.nanoTime() > deadline) {
            throw notLedYet;
          }
        }
      }
    }
  }
}
