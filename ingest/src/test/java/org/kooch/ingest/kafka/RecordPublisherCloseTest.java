package org.kooch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kooch.ingest.broker.TestKafka;

/**
 * Closing a transactional publisher ends its open transaction. Left open, the transaction would hold
 * back every read_committed reader of its partitions (the collectors reading their state, the job)
 * until the producer's transaction timeout, 60 s by default.
 */
class RecordPublisherCloseTest {

  @Test
  void closingWithATransactionOpenAbortsIt() {
    KafkaSettings kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
    String id = "record-publisher-close-test." + UUID.randomUUID();
    String prefix = id + "/";

    RecordPublisher publisher = RecordPublisher.transactional(kafka, id);
    publisher.beginTransaction();
    publisher.publishCollectorState(prefix + "some_channel", "{}".getBytes(StandardCharsets.UTF_8));
    publisher.flush();
    publisher.close();

    // Reads to the log end with read_committed: it gets there only once the transaction has ended,
    // and half the transaction timeout is far longer than an abort takes.
    assertThat(CollectorStateTopic.read(kafka, prefix, Duration.ofSeconds(30))).as("aborted, not committed").isEmpty();
  }
}
